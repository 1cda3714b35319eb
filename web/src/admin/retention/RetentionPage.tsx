import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { Me } from '../../types';
import { adminApi, type AdminOrganisation } from '../adminApi';
import { Confirm, FormError, Notice, OrganisationPicker, errorDetail, formatDate } from '../AdminUi';
import {
  confirmationText,
  daysProblem,
  exportUrl,
  isId,
  retentionApi,
  runSummary,
  type LegalHold,
  type RetentionAction,
  type RetentionPolicy,
  type RetentionPreview,
} from './retentionApi';
import { PersonFinder } from './PersonFinder';
import './retention.css';

/**
 * Retention (docs/retention.md): the organisation's policy with a confirmation that states what
 * the next run will delete, the dry run, Run now and the last runs; legal holds; compliance
 * exports. Organisation admins act on their own organisation; platform admins pick one.
 */
export function RetentionPage({ me }: { me: Me }) {
  const platform = me.role === 'platform_admin';
  const [organisations, setOrganisations] = useState<AdminOrganisation[] | null>(null);
  const [organisationId, setOrganisationId] = useState(me.organisation.id);
  const pickerId = useId();
  useEffect(() => {
    if (!platform) return;
    adminApi
      .organisations()
      .then((p) => setOrganisations(p.items))
      .catch(() => setOrganisations([]));
  }, [platform]);
  return (
    <div className="retention-page">
      <h1>Retention</h1>
      <p>
        How long messages and files written by an organisation&apos;s people are kept. Without a policy everything is kept.
        Legal holds stop retention for a person or a conversation.
      </p>
      {platform && (
        <OrganisationPicker
          id={pickerId}
          className="retention-row"
          organisations={organisations ?? [me.organisation]}
          value={organisationId}
          onChange={setOrganisationId}
          allOrganisations={false}
        />
      )}
      <PolicySection key={organisationId} organisationId={organisationId} />
      <HoldsSection organisationId={platform ? organisationId : undefined} />
      <ExportSection />
    </div>
  );
}

function PolicySection({ organisationId }: { organisationId: string }) {
  const [policy, setPolicy] = useState<RetentionPolicy | null>(null);
  const [action, setAction] = useState<RetentionAction>('keep');
  const [days, setDays] = useState('365');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<RetentionPreview | null | undefined>(undefined);
  const daysId = useId();

  const load = useCallback(() => {
    retentionApi
      .policy(organisationId)
      .then((p) => {
        setPolicy(p);
        setAction(p.action);
        if (p.days) setDays(String(p.days));
      })
      .catch((e) => setError(errorDetail(e, 'Cannot reach Confer right now.')));
  }, [organisationId]);
  useEffect(load, [load]);

  const problem = daysProblem(action, days);

  async function review(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setNotice(null);
    if (problem) return;
    try {
      setConfirming(action === 'keep' ? null : await retentionApi.preview(organisationId, action, Number(days)));
    } catch (err) {
      setError(errorDetail(err, 'Cannot reach Confer right now.'));
    }
  }

  async function runNow() {
    setError(null);
    try {
      const run = await retentionApi.runNow(organisationId);
      setNotice(`Run finished: ${runSummary(run)}.`);
      load();
    } catch (err) {
      setError(errorDetail(err, 'The run did not start; try again.'));
    }
  }

  if (!policy) return error ? <FormError message={error} /> : <p role="status">Loading…</p>;
  return (
    <section aria-labelledby="retention-policy">
      <h2 id="retention-policy">Policy</h2>
      <p className="retention-state">
        {policy.action === 'keep'
          ? 'No policy: every message and file is kept.'
          : `Messages older than ${policy.days} days are ${policy.action === 'delete' ? 'deleted' : 'anonymised'} (set ${formatDate(policy.setAt)}).`}
        {policy.due &&
          ` Now due: ${policy.due.messages} messages, ${policy.due.files} files; ${policy.due.held} kept by legal holds.`}
      </p>
      <form onSubmit={review} noValidate>
        <fieldset>
          <legend>After how long</legend>
          {(['keep', 'delete', 'anonymise'] as const).map((a) => (
            <div className="retention-choice" key={a}>
              <input type="radio" id={`retention-${a}`} name="retention-action" checked={action === a} onChange={() => setAction(a)} />
              <label htmlFor={`retention-${a}`}>
                {a === 'keep' ? 'Keep everything' : a === 'delete' ? 'Delete messages and files' : 'Anonymise messages (keep the text)'}
              </label>
            </div>
          ))}
          {action !== 'keep' && (
            <div className="retention-row">
              <label htmlFor={daysId}>Older than (days, at least 30)</label>
              <input
                id={daysId}
                inputMode="numeric"
                value={days}
                onChange={(e) => setDays(e.target.value)}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `${daysId}-problem` : undefined}
              />
              {problem && (
                <p className="form-error" id={`${daysId}-problem`}>
                  {problem}
                </p>
              )}
            </div>
          )}
        </fieldset>
        <div className="admin-actions retention-actions">
          <button type="submit" className="primary">
            Review and save
          </button>
          {policy.action !== 'keep' && (
            <button type="button" className="secondary" onClick={runNow}>
              Run now
            </button>
          )}
        </div>
      </form>
      <FormError message={error} />
      <Notice message={notice} />
      {confirming !== undefined && (
        <Confirm
          title={action === 'keep' ? 'Keep everything?' : action === 'delete' ? 'Delete old messages?' : 'Anonymise old messages?'}
          confirmLabel={action === 'keep' ? 'Keep everything' : action === 'delete' ? 'Delete after ' + days + ' days' : 'Anonymise after ' + days + ' days'}
          danger={action === 'delete'}
          onClose={() => setConfirming(undefined)}
          onConfirm={async () => {
            setPolicy(await retentionApi.setPolicy(organisationId, action, action === 'keep' ? null : Number(days)));
            setNotice('Policy saved.');
          }}
        >
          <p>{confirmationText(action, Number(days), confirming)}</p>
        </Confirm>
      )}
      <h3>Last runs</h3>
      {policy.lastRuns.length === 0 ? (
        <p>No run has done anything yet.</p>
      ) : (
        <ul className="retention-list">
          {policy.lastRuns.map((r) => (
            <li key={r.id}>
              <strong>{formatDate(r.startedAt)}</strong> {runSummary(r)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function HoldsSection({ organisationId }: { organisationId?: string }) {
  const [holds, setHolds] = useState<LegalHold[] | null>(null);
  const [kind, setKind] = useState<'user' | 'conversation'>('user');
  const [subject, setSubject] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [releasing, setReleasing] = useState<LegalHold | null>(null);
  const ids = { kind: useId(), subject: useId(), reason: useId() };
  const load = useCallback(() => {
    retentionApi
      .holds(organisationId)
      .then(setHolds)
      .catch((e) => setError(errorDetail(e, 'Cannot reach Confer right now.')));
  }, [organisationId]);
  useEffect(load, [load]);

  async function place(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!isId(subject)) return setError('Paste the id of the person or conversation (from People, or the conversation link).');
    if (!reason.trim()) return setError('Give the reason, such as a case number.');
    try {
      await retentionApi.placeHold(kind, subject.trim(), reason.trim());
      setSubject('');
      setReason('');
      load();
    } catch (err) {
      setError(errorDetail(err, 'The hold was not placed; try again.'));
    }
  }

  return (
    <section aria-labelledby="retention-holds">
      <h2 id="retention-holds">Legal holds</h2>
      <form className="retention-hold-form" onSubmit={place} noValidate>
        <div className="retention-row">
          <label htmlFor={ids.kind}>Hold</label>
          <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as 'user' | 'conversation')}>
            <option value="user">A person: their messages and their conversations</option>
            <option value="conversation">A conversation</option>
          </select>
        </div>
        {kind === 'user' && <PersonFinder onPick={setSubject} />}
        <div className="retention-row">
          <label htmlFor={ids.subject}>{kind === 'user' ? 'Person id' : 'Conversation id'}</label>
          <input id={ids.subject} value={subject} onChange={(e) => setSubject(e.target.value)} spellCheck={false} />
        </div>
        <div className="retention-row">
          <label htmlFor={ids.reason}>Reason</label>
          <input id={ids.reason} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </div>
        <button type="submit" className="primary">
          Place hold
        </button>
      </form>
      <FormError message={error} />
      {holds === null ? (
        <p role="status">Loading…</p>
      ) : holds.length === 0 ? (
        <p>No legal holds.</p>
      ) : (
        <ul className="retention-list">
          {holds.map((h) => (
            <li key={h.id}>
              <span>
                <strong>{h.subjectType === 'user' ? 'Person' : 'Conversation'}</strong> <code>{h.subjectId}</code> — {h.reason}
                <br />
                Placed {formatDate(h.placedAt)}
                {h.releasedAt ? `, released ${formatDate(h.releasedAt)}` : ', active'}
              </span>
              {!h.releasedAt && (
                <button type="button" className="secondary" onClick={() => setReleasing(h)}>
                  Release
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {releasing && (
        <Confirm
          title="Release this legal hold?"
          confirmLabel="Release hold"
          onClose={() => setReleasing(null)}
          onConfirm={async () => {
            await retentionApi.releaseHold(releasing.id);
            load();
          }}
        >
          <p>The next retention run may then delete or anonymise what it protected. The hold stays listed as released.</p>
        </Confirm>
      )}
    </section>
  );
}

function ExportSection() {
  const [kind, setKind] = useState<'user' | 'conversation'>('user');
  const [id, setId] = useState('');
  const ids = { kind: useId(), id: useId() };
  return (
    <section aria-labelledby="retention-export">
      <h2 id="retention-export">Compliance export</h2>
      <p>A zip with every message (JSON), a readable page (HTML) and the attachments. Each export is recorded in the audit log.</p>
      <div className="retention-row">
        <label htmlFor={ids.kind}>Export</label>
        <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as 'user' | 'conversation')}>
          <option value="user">Everything a person wrote</option>
          <option value="conversation">A conversation</option>
        </select>
      </div>
      {kind === 'user' && <PersonFinder onPick={setId} />}
      <div className="retention-row">
        <label htmlFor={ids.id}>{kind === 'user' ? 'Person id' : 'Conversation id'}</label>
        <input id={ids.id} value={id} onChange={(e) => setId(e.target.value)} spellCheck={false} />
      </div>
      {isId(id) ? (
        <a className="retention-download" href={exportUrl(kind, id)} download>
          Download export
        </a>
      ) : (
        <p className="retention-hint">Paste an id to download its export.</p>
      )}
    </section>
  );
}
