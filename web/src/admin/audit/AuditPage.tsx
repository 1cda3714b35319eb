import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import type { Me } from '../../types';
import { auditApi, type AuditFilters, type AuditItem, type VerifyResult } from './auditApi';
import './audit.css';

const EMPTY: AuditFilters = {};

/** datetime-local has no zone: read it as the browser's local time and send it with an offset. */
function isoOrUndefined(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function message(e: unknown): string {
  return e instanceof ApiError ? e.detail : 'Cannot reach Confer right now; try again.';
}

/**
 * The audit log (docs/audit.md): organisation admins see their organisation's records, platform
 * admins every record and can verify the hash chain. Filters, newest first, "Load more" paging,
 * and the same filters as a CSV download.
 */
export function AuditPage({ me }: { me: Me }) {
  const platform = me.role === 'platform_admin';
  const [form, setForm] = useState({ action: '', actorId: '', subjectType: '', subjectId: '', from: '', to: '', organisationId: '' });
  const [filters, setFilters] = useState<AuditFilters>(EMPTY);
  const [items, setItems] = useState<AuditItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [verify, setVerify] = useState<{ state: 'idle' } | { state: 'running' } | { state: 'done'; result: VerifyResult } | { state: 'failed'; detail: string }>({
    state: 'idle',
  });

  const load = useCallback((f: AuditFilters, after?: string) => {
    setLoading(true);
    setError(null);
    auditApi
      .page(f, after)
      .then((p) => {
        setItems((old) => (after ? [...old, ...p.items] : p.items));
        setCursor(p.nextCursor);
      })
      .catch((e) => setError(message(e)))
      .finally(() => setLoading(false));
  }, []);

  useEffect(() => load(EMPTY), [load]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const f: AuditFilters = {
      action: form.action.trim() || undefined,
      actorId: form.actorId.trim() || undefined,
      subjectType: form.subjectType.trim() || undefined,
      subjectId: form.subjectId.trim() || undefined,
      from: isoOrUndefined(form.from),
      to: isoOrUndefined(form.to),
      organisationId: platform ? form.organisationId.trim() || undefined : undefined,
    };
    setFilters(f);
    load(f);
  };

  const clear = () => {
    setForm({ action: '', actorId: '', subjectType: '', subjectId: '', from: '', to: '', organisationId: '' });
    setFilters(EMPTY);
    load(EMPTY);
  };

  const runVerify = () => {
    setVerify({ state: 'running' });
    auditApi
      .verify()
      .then((result) => setVerify({ state: 'done', result }))
      .catch((e) => setVerify({ state: 'failed', detail: message(e) }));
  };

  const field = (name: keyof typeof form, label: string, type = 'text', hint?: string) => (
    <label>
      {label}
      <input
        name={name}
        type={type}
        value={form[name]}
        placeholder={hint}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
    </label>
  );

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <p>
        {platform
          ? 'Every organisation’s records, newest first. Each record is hash-chained to the one before it.'
          : `${me.organisation.name}’s records, newest first.`}
      </p>
      <form className="audit-filters" onSubmit={submit} aria-label="Filter the audit log">
        {field('action', 'Action (or its start)', 'text', 'auth. or message.edited')}
        {field('actorId', 'Actor id')}
        {field('subjectType', 'Subject type', 'text', 'user, message, file, result')}
        {field('subjectId', 'Subject id')}
        {field('from', 'From', 'datetime-local')}
        {field('to', 'To', 'datetime-local')}
        {platform && field('organisationId', 'Organisation id')}
        <div className="audit-actions">
          <button type="submit">Search</button>
          <button type="button" onClick={clear}>
            Clear
          </button>
          <a href={auditApi.exportHref(filters)} download>
            Export CSV
          </a>
        </div>
      </form>
      {platform && (
        <div>
          <div className="audit-actions">
            <button type="button" onClick={runVerify} disabled={verify.state === 'running'}>
              Verify chain
            </button>
          </div>
          <div role="status" aria-live="polite">
            {verify.state === 'running' && <p>Verifying the chain…</p>}
            {verify.state === 'failed' && <p className="audit-verify broken">{verify.detail}</p>}
            {verify.state === 'done' && <VerifyOutcome result={verify.result} />}
          </div>
        </div>
      )}
      {error && (
        <p className="audit-error" role="alert">
          {error}
        </p>
      )}
      <AuditTable items={items} />
      {!loading && items.length === 0 && !error && <p>No records match.</p>}
      {loading && <p role="status">Loading…</p>}
      {cursor && !loading && (
        <button type="button" className="audit-more" onClick={() => load(filters, cursor)}>
          Load more
        </button>
      )}
    </section>
  );
}

function VerifyOutcome({ result }: { result: VerifyResult }) {
  const range = `${result.checked} records checked (${result.firstSeq}–${result.headSeq}); head hash ${result.headHash}`;
  if (result.ok) return <p className="audit-verify ok">The chain verifies: {range}.</p>;
  const b = result.firstBreak;
  return (
    <p className="audit-verify broken">
      The chain is broken at record {b?.seq} ({b?.kind.toLowerCase()}): {b?.reason}. {range}.
    </p>
  );
}

function AuditTable({ items }: { items: AuditItem[] }) {
  if (items.length === 0) return null;
  return (
    <table className="audit-table">
      <caption className="visually-hidden">Audit records, newest first</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Time</th>
          <th scope="col">Who</th>
          <th scope="col">Action</th>
          <th scope="col">Subject</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.seq}>
            <td data-label="#" className="audit-seq">
              {i.seq}
            </td>
            <td data-label="Time">
              <time dateTime={i.at}>{new Date(i.at).toLocaleString()}</time>
            </td>
            <td data-label="Who">{i.actorId ? (i.actorName ?? i.actorId) : 'System'}</td>
            <td data-label="Action">
              <code>{i.action}</code>
            </td>
            <td data-label="Subject">
              {i.subjectType} <code>{i.subjectId}</code>
            </td>
            <td data-label="Detail">
              {i.detail && Object.keys(i.detail).length > 0 && (
                <ul className="audit-detail">
                  {Object.entries(i.detail).map(([k, v]) => (
                    <li key={k}>
                      {k}: {typeof v === 'string' ? v : JSON.stringify(v)}
                    </li>
                  ))}
                </ul>
              )}
              {i.retainedText != null && (
                <details>
                  <summary>Text kept for the record</summary>
                  <p className="audit-retained">{i.retainedText}</p>
                </details>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
