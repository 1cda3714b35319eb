import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../../api';
import type { Profile } from '../../types';
import { conversationTitle } from '../chat/title';
import type { ChatController } from '../controller';
import { PeopleSearch } from '../teams/PeopleSearch';
import { toggle } from '../teams/peopleSelection';
import { DialogForm } from '../ui/DialogForm';
import { errorText } from '../ui/Modal';
import { useStore } from '../useStore';
import { dayName, parseHhmm, zonedInstant, zoneAbbreviation } from './dates';
import { buildDraft, fieldOfProblem, initialValues, valuesOf, type FieldErrors, type FormField, type FormValues } from './meetingDraft';
import { meetingsApi, type Meeting } from './meetingsApi';

/** Time zones to choose from: London first (the default), the browser's, then all the others. */
function zones(browser: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['Europe/London', browser, ...all])];
}

/** A field's problem, tied to it by id (aria-describedby) so a screen reader reads it with the field. */
function FieldError({ id, errors, field }: { id: string; errors: FieldErrors; field: FormField }) {
  const text = errors[field];
  return text ? (
    <p id={id} className="field-error">
      {text}
    </p>
  ) : null;
}

/**
 * Schedule a meeting, or change one (the organiser): title, day and times in a chosen zone
 * (Europe/London by default, always shown), repeats with exceptions, invitees from every
 * organisation or a whole channel, presenters among them, who waits in the lobby, audio or video.
 */
export function MeetingForm({
  chat,
  meeting,
  initialDate,
  onClose,
  onSaved,
}: {
  chat: ChatController;
  meeting?: Meeting;
  initialDate: string;
  onClose: () => void;
  onSaved: (m: Meeting) => void;
}) {
  const { people, conversations, presence, me } = chat;
  useStore(people);
  useStore(conversations);
  const [v, setV] = useState<FormValues>(() => (meeting ? valuesOf(meeting) : initialValues(initialDate, new Date())));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [exceptionDate, setExceptionDate] = useState('');
  // People already chosen (from an edited meeting, or picked in the search), by id.
  const [known, setKnown] = useState<Profile[]>([]);
  const browser = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const zoneList = useMemo(() => zones(browser), [browser]);
  const channels = conversations.conversations().filter((c) => c.kind === 'channel' && !c.archived);
  const profile = (id: string): Profile => known.find((p) => p.id === id) ?? people.person(id) ?? { id, displayName: '…' };
  const inviteeKey = v.inviteeIds.join(',');
  useEffect(() => {
    if (inviteeKey) people.want(inviteeKey.split(','));
  }, [inviteeKey, people]);

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K], field?: FormField) => {
    setV((old) => ({ ...old, [key]: value }));
    if (field && errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const startMinutes = parseHhmm(v.start);
  const zoneShort = /^\d{4}-\d{2}-\d{2}$/.test(v.date) && startMinutes !== null ? zoneAbbreviation(zonedInstant(v.date, startMinutes, v.timeZone), v.timeZone) : '';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(v.date) ? dayName(v.date) : 'the same day';
  const described = (field: FormField, hint?: string) => ({
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': [errors[field] ? `${field}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined,
  });

  const save = async () => {
    setProblem(null);
    const built = buildDraft(v, meeting !== undefined);
    if (built.errors) {
      setErrors(built.errors);
      return;
    }
    setBusy(true);
    try {
      const saved = meeting ? await meetingsApi.update(meeting.id, built.draft) : await meetingsApi.create(built.draft);
      onSaved(saved);
    } catch (e) {
      const field = e instanceof ApiError ? fieldOfProblem(e.problem?.field) : null;
      if (field) setErrors({ [field]: errorText(e, 'Not accepted.') });
      else setProblem(errorText(e, meeting ? 'Could not save the meeting. Try again.' : 'Could not schedule the meeting. Try again.'));
      setBusy(false);
    }
  };

  const group = (legend: string, children: ReactNode, field?: FormField) => (
    <fieldset className="choice" aria-describedby={field && errors[field] ? `${field}-error` : undefined}>
      <legend>{legend}</legend>
      {children}
      {field && <FieldError id={`${field}-error`} errors={errors} field={field} />}
    </fieldset>
  );

  return (
    <DialogForm
      title={meeting ? 'Edit meeting' : 'New meeting'}
      wide
      onClose={onClose}
      onSubmit={() => void save()}
      error={problem}
      busy={busy}
      submitLabel={meeting ? 'Save changes' : 'Schedule'}
    >
      <div className="meeting-form">
        <label htmlFor="meeting-title">Title</label>
        <input id="meeting-title" className="text-input" value={v.title} maxLength={250} autoFocus onChange={(e) => set('title', e.target.value, 'title')} {...described('title')} />
        <FieldError id="title-error" errors={errors} field="title" />

        <div className="form-row">
          <div>
            <label htmlFor="meeting-date">Date</label>
            <input id="meeting-date" type="date" className="text-input" value={v.date} onChange={(e) => set('date', e.target.value, 'date')} {...described('date')} />
          </div>
          <div>
            <label htmlFor="meeting-start">Starts</label>
            <input id="meeting-start" type="time" className="text-input" value={v.start} onChange={(e) => set('start', e.target.value, 'time')} {...described('time')} />
          </div>
          <div>
            <label htmlFor="meeting-end">Ends</label>
            <input id="meeting-end" type="time" className="text-input" value={v.end} onChange={(e) => set('end', e.target.value, 'time')} {...described('time')} />
          </div>
        </div>
        <FieldError id="date-error" errors={errors} field="date" />
        <FieldError id="time-error" errors={errors} field="time" />

        <label htmlFor="meeting-zone">Time zone</label>
        <select id="meeting-zone" value={v.timeZone} onChange={(e) => set('timeZone', e.target.value, 'timeZone')} {...described('timeZone', 'zone-hint')}>
          {zoneList.map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
        <p id="zone-hint" className="muted small">
          The times above are in {v.timeZone.replace(/_/g, ' ')}
          {zoneShort && ` (${zoneShort})`}; repeats keep that clock time across summer time changes.
        </p>
        <FieldError id="timeZone-error" errors={errors} field="timeZone" />

        <label htmlFor="meeting-repeat">Repeat</label>
        <select id="meeting-repeat" value={v.repeat} onChange={(e) => set('repeat', e.target.value as FormValues['repeat'], 'repeat')} {...described('repeat')}>
          <option value="none">Does not repeat</option>
          <option value="daily">Every day</option>
          <option value="weekdays">Every weekday (Monday to Friday)</option>
          <option value="weekly">Every week on {day}</option>
          <option value="custom">Custom rule (RRULE)</option>
        </select>
        {v.repeat === 'custom' && (
          <>
            <label htmlFor="meeting-rrule">Rule</label>
            <input id="meeting-rrule" className="text-input mono" value={v.customRule} placeholder="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU" onChange={(e) => set('customRule', e.target.value, 'repeat')} {...described('repeat', 'rrule-hint')} />
            <p id="rrule-hint" className="muted small">
              An iCalendar RRULE, for example FREQ=MONTHLY;BYDAY=1TU for the first Tuesday of each month.
            </p>
          </>
        )}
        <FieldError id="repeat-error" errors={errors} field="repeat" />
        {v.repeat !== 'none' && (
          <div className="exceptions">
            <label htmlFor="meeting-exception">Skip a date (exception)</label>
            <div className="inline-add">
              <input id="meeting-exception" type="date" className="text-input" value={exceptionDate} min={v.date} onChange={(e) => setExceptionDate(e.target.value)} {...described('exceptions')} />
              <button
                type="button"
                className="secondary"
                disabled={!exceptionDate}
                onClick={() => {
                  set('exceptions', [...new Set([...v.exceptions, exceptionDate])].sort(), 'exceptions');
                  setExceptionDate('');
                }}
              >
                Skip this date
              </button>
            </div>
            {v.exceptions.length > 0 && (
              <ul className="chips" aria-label="Skipped dates">
                {v.exceptions.map((d) => (
                  <li key={d} className="chip">
                    {d}
                    <button type="button" className="chip-remove" onClick={() => set('exceptions', v.exceptions.filter((x) => x !== d))}>
                      <span aria-hidden="true">×</span>
                      <span className="visually-hidden">Do not skip {d}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <FieldError id="exceptions-error" errors={errors} field="exceptions" />
          </div>
        )}

        <h3>Invite</h3>
        {v.inviteeIds.length > 0 && (
          <ul className="chips" aria-label="Invited people">
            {v.inviteeIds.map((id) => (
              <li key={id} className="chip">
                <bdi>{profile(id).displayName}</bdi>
                <button type="button" className="chip-remove" onClick={() => set('inviteeIds', v.inviteeIds.filter((x) => x !== id), 'invitees')}>
                  <span aria-hidden="true">×</span>
                  <span className="visually-hidden">Remove {profile(id).displayName}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <PeopleSearch
          meId={me.id}
          presence={presence}
          id="meeting-people"
          label="Search people in any organisation"
          exclude={[]}
          selectedIds={v.inviteeIds}
          onPick={(p) => {
            setKnown((k) => toggle(k, p));
            set('inviteeIds', v.inviteeIds.includes(p.id) ? v.inviteeIds.filter((x) => x !== p.id) : [...v.inviteeIds, p.id], 'invitees');
          }}
        />
        <label htmlFor="meeting-channel">Invite a whole channel (optional)</label>
        <select id="meeting-channel" value={v.channelId ?? ''} onChange={(e) => set('channelId', e.target.value || null, 'invitees')} aria-describedby="channel-hint">
          <option value="">No channel</option>
          {channels.map((c) => (
            <option key={c.id} value={c.id}>
              {conversationTitle(c, people)}
            </option>
          ))}
        </select>
        <p id="channel-hint" className="muted small">
          Everyone in the channel is invited, and the meeting's chat is the channel itself.
        </p>
        <FieldError id="invitees-error" errors={errors} field="invitees" />

        {v.inviteeIds.length > 0 &&
          group(
            'Presenters (they can admit people from the lobby and remove people)',
            v.inviteeIds.map((id) => (
              <label key={id} className="radio">
                <input type="checkbox" checked={v.presenterIds.includes(id)} onChange={() => set('presenterIds', v.presenterIds.includes(id) ? v.presenterIds.filter((x) => x !== id) : [...v.presenterIds, id], 'presenters')} />
                <bdi>{profile(id).displayName}</bdi>
              </label>
            )),
            'presenters',
          )}

        {group(
          'Who goes straight in',
          <>
            <label className="radio">
              <input type="radio" name="lobby" checked={v.lobby === 'everyone'} onChange={() => set('lobby', 'everyone', 'lobby')} />
              Everyone invited
            </label>
            <label className="radio">
              <input type="radio" name="lobby" checked={v.lobby === 'organisation'} onChange={() => set('lobby', 'organisation', 'lobby')} />
              People in my organisation{me.organisation?.name ? ` (${me.organisation.name})` : ''}
            </label>
            <label className="radio">
              <input type="radio" name="lobby" checked={v.lobby === 'invitees'} onChange={() => set('lobby', 'invitees', 'lobby')} />
              People invited by name
            </label>
            <p className="muted small">Others wait in the lobby until you or a presenter lets them in.</p>
          </>,
          'lobby',
        )}

        {group(
          'Meeting type',
          <>
            <label className="radio">
              <input type="radio" name="media" checked={v.media === 'video'} onChange={() => set('media', 'video', 'media')} />
              Video
            </label>
            <label className="radio">
              <input type="radio" name="media" checked={v.media === 'audio'} onChange={() => set('media', 'audio', 'media')} />
              Audio only
            </label>
          </>,
          'media',
        )}
      </div>
    </DialogForm>
  );
}
