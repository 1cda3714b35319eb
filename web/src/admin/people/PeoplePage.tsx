import { useCallback, useEffect, useState } from 'react';
import type { Me } from '../../types';
import { adminApi, ROLE_LABELS, type AdminUser } from '../adminApi';
import { errorDetail, FormError, OrganisationPicker, usePickableOrganisations } from '../AdminUi';
import { isPlatformAdmin } from '../sections';
import { PersonDialog, NewPersonDialog } from './PersonDialog';
import { ImportDialog } from './ImportDialog';

type Open = { kind: 'none' } | { kind: 'person'; user: AdminUser; notice?: string } | { kind: 'new' } | { kind: 'import' };

/** People: search, a paged list, and the dialogs to add, import, change and act on a person. */
export function PeoplePage({ me }: { me: Me }) {
  const platform = isPlatformAdmin(me);
  const [query, setQuery] = useState('');
  const organisations = usePickableOrganisations(platform);
  const [organisationId, setOrganisationId] = useState<string>(platform ? '' : me.organisation.id);
  const [users, setUsers] = useState<AdminUser[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Open>({ kind: 'none' });

  const load = useCallback(
    async (cursor?: string | null) => {
      setState('loading');
      try {
        const page = await adminApi.users(query, organisationId || undefined, cursor);
        setUsers((old) => (cursor ? [...old, ...page.items] : page.items));
        setNext(page.nextCursor ?? null);
        setState('ready');
        setError(null);
      } catch (e) {
        setError(errorDetail(e, 'The list could not be loaded.'));
        setState('failed');
      }
    },
    [query, organisationId],
  );

  useEffect(() => {
    const t = setTimeout(() => void load(), 250);
    return () => clearTimeout(t);
  }, [load]);

  const orgName = (id: string) => organisations.find((o) => o.id === id)?.name ?? (id === me.organisation.id ? me.organisation.name : '');
  const replace = (u: AdminUser) => setUsers((old) => old.map((x) => (x.id === u.id ? u : x)));

  return (
    <section aria-labelledby="people-title">
      <div className="admin-head">
        <h1 id="people-title">People</h1>
        <div className="admin-head-actions">
          <button type="button" className="secondary" onClick={() => setOpen({ kind: 'import' })}>
            Import from CSV
          </button>
          <button type="button" className="primary" onClick={() => setOpen({ kind: 'new' })}>
            Add person
          </button>
        </div>
      </div>
      <div className="admin-filters">
        <div>
          <label htmlFor="people-search">Search by name or email</label>
          <input id="people-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
        </div>
        {platform && (
          <OrganisationPicker id="people-org" organisations={organisations} value={organisationId} onChange={setOrganisationId} />
        )}
      </div>
      <FormError message={error} />
      <table className="admin-table">
        <caption className="visually-hidden">People{query ? ` matching “${query}”` : ''}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            {platform && <th scope="col">Organisation</th>}
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className={u.status === 'disabled' ? 'is-disabled' : undefined}>
              <td data-label="Name">
                <span className="admin-name">{u.displayName}</span>
                {u.jobTitle && <span className="muted admin-sub">{u.jobTitle}</span>}
              </td>
              <td data-label="Email" className="admin-email">
                {u.email}
              </td>
              {platform && <td data-label="Organisation">{orgName(u.organisationId)}</td>}
              <td data-label="Role">{u.bot ? 'Bot' : ROLE_LABELS[u.role]}</td>
              <td data-label="Status">
                <span className={`admin-status admin-status-${u.status}`}>{u.status === 'active' ? 'Active' : 'Disabled'}</span>
              </td>
              <td className="admin-row-actions">
                {!u.bot && (
                  <button type="button" className="secondary" onClick={() => setOpen({ kind: 'person', user: u })}>
                    Manage<span className="visually-hidden"> {u.displayName}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted" role="status">
        {state === 'loading' ? 'Loading…' : state === 'ready' && users.length === 0 ? 'Nobody matches.' : `${users.length} shown`}
      </p>
      {next && (
        <button type="button" className="secondary" onClick={() => void load(next)} disabled={state === 'loading'}>
          Load more
        </button>
      )}
      {open.kind === 'person' && (
        <PersonDialog
          me={me}
          user={open.user}
          notice={open.notice}
          onChanged={replace}
          onClose={() => setOpen({ kind: 'none' })}
        />
      )}
      {open.kind === 'new' && (
        <NewPersonDialog
          me={me}
          organisations={organisations}
          organisationId={organisationId}
          onClose={() => setOpen({ kind: 'none' })}
          onCreated={(u) => {
            setUsers((old) => [u, ...old]);
            setOpen({ kind: 'person', user: u, notice: 'Added. Issue a password link so they can sign in.' });
          }}
        />
      )}
      {open.kind === 'import' && (
        <ImportDialog
          me={me}
          organisations={organisations}
          organisationId={organisationId}
          onClose={() => setOpen({ kind: 'none' })}
          onImported={() => void load()}
        />
      )}
    </section>
  );
}
