import { useEffect, useId, useState } from 'react';
import type { Team } from '../../types';
import { ApiError } from '../../api';
import { DialogForm } from '../ui/DialogForm';
import { errorText } from '../ui/Modal';
import type { VisitCalendarDetail, VisitsRemote } from './api';
import { publicLink } from './api';
import { problemKeyFor, SLUG, slugFrom } from './visitsModel';

/**
 * "New calendar", for owners of a team: the team (the ward), the channel its booking notices go
 * to, a name and the public page's short name. The rest (hours, fields, hosts) is set in
 * Settings, which opens next.
 */
export function NewCalendarDialog({
  teams,
  remote,
  onClose,
  onCreated,
}: {
  teams: Team[];
  remote: VisitsRemote;
  onClose: () => void;
  onCreated: (c: VisitCalendarDetail) => void;
}) {
  const id = useId();
  const [teamId, setTeamId] = useState(teams[0]?.id ?? '');
  const [channels, setChannels] = useState<{ id: string; name: string }[] | null>(null);
  const [channelId, setChannelId] = useState('');
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugTouched, setSlugTouched] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!teamId) return;
    setChannels(null);
    remote.teamChannels(teamId).then(
      (cs) => {
        const open = cs.filter((c) => c.visibility !== 'private');
        setChannels(open);
        setChannelId(open[0]?.id ?? '');
      },
      () => setChannels([]),
    );
  }, [teamId, remote]);

  const check = () => {
    const p: Record<string, string> = {};
    if (!teamId) p.teamId = 'Choose the ward’s team.';
    if (!channelId) p.channelId = 'Choose the channel for booking notices.';
    if (!name.trim()) p.name = 'Give the calendar a name.';
    if (!SLUG.test(slug)) p.slug = 'Lower-case letters, digits and -, starting with a letter (2 to 40).';
    return p;
  };
  const save = () => {
    const p = check();
    setProblems(p);
    setError(null);
    const first = Object.keys(p)[0];
    if (first) return document.getElementById(`${id}-${first}`)?.focus();
    setBusy(true);
    remote.create({ teamId, channelId, name: name.trim(), slug }).then(onCreated, (e) => {
      const key = problemKeyFor(e instanceof ApiError ? e.problem?.field : null, ['teamId', 'channelId', 'name', 'slug']);
      const text = errorText(e, 'The calendar was not created. Try again.');
      if (key) setProblems({ [key]: text });
      setError(text);
      setBusy(false);
    });
  };
  const err = (k: string) =>
    problems[k] ? (
      <p id={`${id}-${k}-err`} className="field-error form-error">
        {problems[k]}
      </p>
    ) : null;
  const described = (k: string, hint?: string) => {
    const ids = [hint, problems[k] ? `${id}-${k}-err` : undefined].filter(Boolean).join(' ');
    return { ...(problems[k] ? { 'aria-invalid': true as const } : {}), ...(ids ? { 'aria-describedby': ids } : {}) };
  };

  return (
    <DialogForm title="New visiting calendar" onClose={onClose} onSubmit={save} error={error} busy={busy} submitLabel="Create calendar">
      <div className="visits-form">
        <label htmlFor={`${id}-teamId`}>Ward (team)</label>
        <select id={`${id}-teamId`} value={teamId} onChange={(e) => setTeamId(e.target.value)} {...described('teamId')}>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        {err('teamId')}
        <label htmlFor={`${id}-channelId`}>Channel for booking notices</label>
        <select id={`${id}-channelId`} value={channelId} onChange={(e) => setChannelId(e.target.value)} disabled={channels === null} {...described('channelId')}>
          {channels === null && <option value="">Loading…</option>}
          {channels?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        {err('channelId')}
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          className="text-input"
          value={name}
          maxLength={120}
          placeholder="Ward 7 virtual visits"
          onChange={(e) => {
            setName(e.target.value);
            if (!slugTouched) setSlug(slugFrom(e.target.value));
          }}
          {...described('name')}
        />
        {err('name')}
        <label htmlFor={`${id}-slug`}>Short name for the public page</label>
        <input
          id={`${id}-slug`}
          className="text-input"
          value={slug}
          maxLength={40}
          placeholder="ward-7"
          onChange={(e) => {
            setSlugTouched(true);
            setSlug(e.target.value.toLowerCase());
          }}
          {...described('slug', `${id}-slug-hint`)}
        />
        <p id={`${id}-slug-hint`} className="muted small visits-link-preview">
          The booking page will be {publicLink(slug || '…')}
        </p>
        {err('slug')}
        <p className="muted small">It is not published until you say so in Settings, which opens next.</p>
      </div>
    </DialogForm>
  );
}
