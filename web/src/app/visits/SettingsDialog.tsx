import { useEffect, useId, useState } from 'react';
import { ApiError } from '../../api';
import type { ChatController } from '../controller';
import { DialogForm } from '../ui/DialogForm';
import { errorText } from '../ui/Modal';
import { useStore } from '../useStore';
import { publicLink, WEEKDAYS, type VisitCalendarDetail, type VisitsRemote } from './api';
import { RangesEditor } from './RangesEditor';
import {
  fieldNameFrom,
  LIMITS,
  MAX_FIELDS,
  MAX_RANGES,
  problemKeyFor,
  settingsBody,
  settingsDraft,
  settingsKeys,
  settingsProblems,
  TEXT_MAX,
  type NumberField,
  type SettingsDraft,
} from './visitsModel';

const NUMBER_LABELS: Record<NumberField, string> = {
  durationMinutes: 'Visit length (minutes)',
  bufferMinutes: 'Gap between visits (minutes)',
  placesPerSlot: 'Visits at the same time',
  bookAheadDays: 'Bookable up to (days ahead)',
  minNoticeMinutes: 'Least notice (minutes)',
};

type Problems = Record<string, string>;

/**
 * A calendar's Settings, for its managers (PATCH /api/v1/visit-calendars/{id}): name and
 * published with the public link to copy, the visit length, gap, places, window and notice, the
 * weekly hours and the dates with other hours, the questions asked, the privacy notice and
 * consent text, hosts and managers. A problem — found here or by the server (its `field`) — is
 * shown beside its field, and focus goes to the first one.
 */
export function CalendarSettingsDialog({
  chat,
  calendarId,
  remote,
  onClose,
  onSaved,
}: {
  chat: ChatController;
  calendarId: string;
  remote: VisitsRemote;
  onClose: () => void;
  onSaved: (c: VisitCalendarDetail) => void;
}) {
  const id = useId();
  const [calendar, setCalendar] = useState<VisitCalendarDetail | null>(null);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    remote.calendar(calendarId).then(
      (c) => {
        setCalendar(c);
        setDraft(settingsDraft(c));
      },
      (e) => setError(errorText(e, 'Could not load the calendar.')),
    );
  }, [calendarId, remote]);

  const focusFirstProblem = () =>
    setTimeout(() => document.querySelector<HTMLElement>('.visits-settings [aria-invalid="true"]')?.focus(), 0);

  const save = () => {
    if (!draft || !calendar) return;
    const p = settingsProblems(draft);
    setProblems(p);
    setError(null);
    if (Object.keys(p).length) {
      setError('Some settings need attention (marked above).');
      return focusFirstProblem();
    }
    setBusy(true);
    remote.update(calendar.id, settingsBody(draft)).then(onSaved, (e) => {
      const text = errorText(e, 'The settings were not saved. Try again.');
      const key = problemKeyFor(e instanceof ApiError ? e.problem?.field : null, settingsKeys(draft));
      if (key) {
        setProblems({ [key]: text });
        focusFirstProblem();
      }
      setError(text);
      setBusy(false);
    });
  };

  return (
    <DialogForm
      title={calendar ? `Settings: ${calendar.name}` : 'Settings'}
      wide
      onClose={onClose}
      onSubmit={save}
      error={error}
      busy={busy}
      submitDisabled={busy || !draft}
      submitLabel="Save settings"
    >
      {!draft || !calendar ? (
        !error && <p className="muted">Loading…</p>
      ) : (
        <SettingsFields id={id} chat={chat} calendar={calendar} draft={draft} set={(change) => setDraft({ ...draft, ...change })} problems={problems} />
      )}
    </DialogForm>
  );
}

function SettingsFields({
  id,
  chat,
  calendar,
  draft: d,
  set,
  problems,
}: {
  id: string;
  chat: ChatController;
  calendar: VisitCalendarDetail;
  draft: SettingsDraft;
  set: (change: Partial<SettingsDraft>) => void;
  problems: Problems;
}) {
  const { teams, people } = chat;
  useStore(teams);
  useStore(people);
  const [copied, setCopied] = useState<string>('');
  useEffect(() => {
    teams.loadMembers(calendar.teamId).catch(() => {});
  }, [teams, calendar.teamId]);
  const members = teams.members(calendar.teamId)?.map((m) => m.userId);
  // Everyone who could be a host or manager: the team, plus anyone already named (if the team's list is not mine to see).
  const everyone = [...new Set([...(members ?? []), ...d.hosts.map((h) => h.userId), ...d.managers])];
  const everyoneKey = everyone.join(',');
  useEffect(() => {
    if (everyoneKey) people.want(everyoneKey.split(','));
  }, [everyoneKey, people]);
  const nameOf = (uid: string) => people.person(uid)?.displayName ?? (uid === chat.me.id ? chat.me.displayName : 'A team member');

  const errId = (k: string) => `${id}-${k.replace(/\./g, '-')}-err`;
  const err = (k: string) =>
    problems[k] ? (
      <p id={errId(k)} className="field-error form-error">
        {problems[k]}
      </p>
    ) : null;
  const described = (k: string, hint?: string) => {
    const ids = [hint, problems[k] ? errId(k) : undefined].filter(Boolean).join(' ');
    return { ...(problems[k] ? { 'aria-invalid': true as const } : {}), ...(ids ? { 'aria-describedby': ids } : {}) };
  };
  const link = calendar.bookingUrl ?? publicLink(calendar.slug);

  return (
    <div className="visits-settings visits-form">
      <h3>Calendar</h3>
      <label htmlFor={`${id}-name`}>Name</label>
      <input id={`${id}-name`} className="text-input" value={d.name} maxLength={120} onChange={(e) => set({ name: e.target.value })} {...described('name')} />
      {err('name')}
      <div className="visits-check">
        <input id={`${id}-published`} type="checkbox" checked={d.published} onChange={(e) => set({ published: e.target.checked })} {...described('published', `${id}-published-hint`)} />
        <label htmlFor={`${id}-published`}>Published: relatives can book on the public page</label>
      </div>
      <p id={`${id}-published-hint`} className="muted small">
        Unpublished, the page says it is not found; visits already booked stay.
      </p>
      {err('published')}
      <label htmlFor={`${id}-link`}>Public booking page</label>
      <div className="visits-link-row">
        <input id={`${id}-link`} className="text-input" type="text" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void navigator.clipboard?.writeText(link).then(
              () => setCopied('Link copied.'),
              () => setCopied('Could not copy: select the link and copy it.'),
            )
          }
        >
          Copy
        </button>
      </div>
      <p role="status" className="muted small">
        {copied}
      </p>

      <h3>Visits</h3>
      <div className="visits-numbers">
        {(Object.keys(LIMITS) as NumberField[]).map((k) => (
          <span key={k}>
            <label htmlFor={`${id}-${k}`}>{NUMBER_LABELS[k]}</label>
            <input
              id={`${id}-${k}`}
              className="text-input"
              type="number"
              inputMode="numeric"
              min={LIMITS[k][0]}
              max={LIMITS[k][1]}
              value={d[k]}
              onChange={(e) => set({ [k]: e.target.value })}
              {...described(k)}
            />
            {err(k)}
          </span>
        ))}
      </div>

      <h3 id={`${id}-hours-heading`}>Weekly opening hours</h3>
      <p className="muted small">Times in UK time (Europe/London). A day with no hours is closed. Up to {MAX_RANGES} ranges a day.</p>
      {err('hours')}
      {WEEKDAYS.map((day) => (
        <RangesEditor
          key={day}
          id={`${id}-h-${day}`}
          legend={day[0] + day.slice(1).toLowerCase()}
          ranges={d.hours[day]}
          onChange={(rs) => set({ hours: { ...d.hours, [day]: rs } })}
          problem={problems[`hours.${day}`]}
          errId={errId(`hours.${day}`)}
        />
      ))}

      <h3>Dates with other hours</h3>
      <p className="muted small">Bank holidays and closures: a date with no hours is closed that day.</p>
      {err('exceptions')}
      {d.exceptions.length === 0 && <p className="muted">None.</p>}
      {d.exceptions.map((ex, i) => {
        const setEx = (change: Partial<typeof ex>) => set({ exceptions: d.exceptions.map((x, j) => (j === i ? { ...x, ...change } : x)) });
        return (
          <div key={i} className="visits-exception" role="group" aria-label={`Date ${i + 1}${ex.date ? `, ${ex.date}` : ''}`}>
            <div className="visits-exception-head">
              <span>
                <label htmlFor={`${id}-ex${i}-date`}>Date</label>
                <input id={`${id}-ex${i}-date`} className="text-input" type="date" value={ex.date} onChange={(e) => setEx({ date: e.target.value })} {...described(`exceptions.${i}.date`)} />
              </span>
              <button type="button" className="secondary danger" onClick={() => set({ exceptions: d.exceptions.filter((_, j) => j !== i) })}>
                Remove date{ex.date ? ` ${ex.date}` : ''}
              </button>
            </div>
            {err(`exceptions.${i}.date`)}
            <RangesEditor
              id={`${id}-ex${i}`}
              legend={`Hours on ${ex.date || 'this date'}`}
              ranges={ex.hours}
              onChange={(hours) => setEx({ hours })}
              problem={problems[`exceptions.${i}.hours`]}
              errId={errId(`exceptions.${i}.hours`)}
            />
          </div>
        );
      })}
      <button type="button" className="secondary" onClick={() => set({ exceptions: [...d.exceptions, { date: '', hours: [] }] })}>
        Add a date
      </button>

      <h3>Questions for the visitor</h3>
      <p className="muted small">The patient’s name is always asked. Up to {MAX_FIELDS} more, e.g. bed.</p>
      {err('fields')}
      {d.fields.map((f, i) => {
        const setF = (change: Partial<typeof f>) => set({ fields: d.fields.map((x, j) => (j === i ? { ...x, ...change } : x)) });
        return (
          <div key={i} className="visits-field" role="group" aria-label={`Question ${i + 1}${f.label ? `, ${f.label}` : ''}`}>
            <span>
              <label htmlFor={`${id}-f${i}-label`}>Label</label>
              <input
                id={`${id}-f${i}-label`}
                className="text-input"
                value={f.label}
                maxLength={80}
                onChange={(e) => setF({ label: e.target.value, ...(f.name === fieldNameFrom(f.label) ? { name: fieldNameFrom(e.target.value) } : {}) })}
                {...described(`fields.${i}.label`)}
              />
              {err(`fields.${i}.label`)}
            </span>
            <span>
              <label htmlFor={`${id}-f${i}-name`}>Field name</label>
              <input id={`${id}-f${i}-name`} className="text-input" value={f.name} maxLength={40} onChange={(e) => setF({ name: e.target.value })} {...described(`fields.${i}.name`)} />
              {err(`fields.${i}.name`)}
            </span>
            <span className="visits-check">
              <input id={`${id}-f${i}-req`} type="checkbox" checked={f.required} onChange={(e) => setF({ required: e.target.checked })} />
              <label htmlFor={`${id}-f${i}-req`}>Required</label>
            </span>
            <span>
              <button type="button" className="secondary danger" onClick={() => set({ fields: d.fields.filter((_, j) => j !== i) })}>
                Remove<span className="visually-hidden"> question {f.label || i + 1}</span>
              </button>
            </span>
          </div>
        );
      })}
      <button type="button" className="secondary" disabled={d.fields.length >= MAX_FIELDS} onClick={() => set({ fields: [...d.fields, { name: '', label: '', required: false }] })}>
        Add a question
      </button>

      <h3>Privacy and consent</h3>
      <label htmlFor={`${id}-privacy`}>Privacy notice</label>
      <textarea id={`${id}-privacy`} rows={4} value={d.privacyNotice} maxLength={TEXT_MAX} onChange={(e) => set({ privacyNotice: e.target.value })} {...described('privacyNotice')} />
      {err('privacyNotice')}
      <label htmlFor={`${id}-consent`}>Consent text (the visitor ticks to agree)</label>
      <textarea id={`${id}-consent`} rows={3} value={d.consentText} maxLength={TEXT_MAX} onChange={(e) => set({ consentText: e.target.value })} {...described('consentText')} />
      {err('consentText')}

      <h3 id={`${id}-people-heading`}>Hosts and managers</h3>
      <p className="muted small">
        Hosts run visits (a ward device is the shared tablet’s account). Managers change these settings; the team’s owners always can.
      </p>
      {err('hosts')}
      {err('managers')}
      {members === undefined && everyone.length === 0 ? (
        <p className="muted">Loading the team…</p>
      ) : (
        <table className="visits-people" aria-labelledby={`${id}-people-heading`}>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Host</th>
              <th scope="col">Ward device</th>
              <th scope="col">Manager</th>
            </tr>
          </thead>
          <tbody>
            {everyone.map((uid) => {
              const host = d.hosts.find((h) => h.userId === uid);
              const who = nameOf(uid);
              return (
                <tr key={uid}>
                  <th scope="row">{who}</th>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${who}: host`}
                      checked={!!host}
                      onChange={(e) => set({ hosts: e.target.checked ? [...d.hosts, { userId: uid, device: false }] : d.hosts.filter((h) => h.userId !== uid) })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${who}: ward device`}
                      checked={!!host?.device}
                      disabled={!host}
                      onChange={(e) => set({ hosts: d.hosts.map((h) => (h.userId === uid ? { ...h, device: e.target.checked } : h)) })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${who}: manager`}
                      checked={d.managers.includes(uid)}
                      onChange={(e) => set({ managers: e.target.checked ? [...d.managers, uid] : d.managers.filter((m) => m !== uid) })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
