import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Modal } from '../../app/ui/Modal';
import { adminApi, type AdminOrganisation } from '../adminApi';
import { errorDetail, formatDate, FormError, Notice } from '../AdminUi';

/** Organisations (platform admins): the list, a new one, a new name. */
export function OrganisationsPage() {
  const [organisations, setOrganisations] = useState<AdminOrganisation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [createError, setCreateError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<AdminOrganisation | null>(null);

  const load = useCallback(async () => {
    try {
      setOrganisations((await adminApi.organisations()).items);
    } catch (e) {
      setError(errorDetail(e, 'The organisations could not be loaded.'));
    }
  }, []);
  useEffect(() => void load(), [load]);

  async function create(e: FormEvent) {
    e.preventDefault();
    setCreateError(null);
    try {
      const o = await adminApi.createOrganisation(code.trim(), name.trim());
      setStatus(`${o.name} (${o.code}) is created.`);
      setCode('');
      setName('');
      void load();
    } catch (err) {
      setCreateError(errorDetail(err, 'The organisation could not be created.'));
    }
  }

  return (
    <section aria-labelledby="orgs-title">
      <div className="admin-head">
        <h1 id="orgs-title">Organisations</h1>
      </div>
      <FormError message={error} />
      <Notice message={status} />
      <table className="admin-table">
        <caption className="visually-hidden">Organisations</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Name</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(organisations ?? []).map((o) => (
            <tr key={o.id}>
              <td data-label="Code">
                <code>{o.code}</code>
              </td>
              <td data-label="Name">
                <span className="admin-name">{o.name}</span>
              </td>
              <td data-label="Created">{formatDate(o.createdAt)}</td>
              <td className="admin-row-actions">
                <button type="button" className="secondary" onClick={() => setRenaming(o)}>
                  Rename<span className="visually-hidden"> {o.name}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="admin-card" onSubmit={create} noValidate aria-labelledby="org-new-title">
        <h2 id="org-new-title">New organisation</h2>
        <div className="admin-form-grid">
          <div>
            <label htmlFor="org-code">ODS code</label>
            <input id="org-code" type="text" value={code} onChange={(e) => setCode(e.target.value)} maxLength={10} autoComplete="off" />
          </div>
          <div>
            <label htmlFor="org-name">Name</label>
            <input id="org-name" type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoComplete="off" />
          </div>
        </div>
        <FormError message={createError} />
        <div className="admin-actions">
          <button type="submit" className="primary">
            Create organisation
          </button>
        </div>
      </form>
      {renaming && (
        <RenameDialog
          organisation={renaming}
          onClose={() => setRenaming(null)}
          onRenamed={(o) => {
            setStatus(`Renamed to ${o.name}.`);
            void load();
          }}
        />
      )}
    </section>
  );
}

function RenameDialog({
  organisation,
  onClose,
  onRenamed,
}: {
  organisation: AdminOrganisation;
  onClose: () => void;
  onRenamed: (o: AdminOrganisation) => void;
}) {
  const [name, setName] = useState(organisation.name);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal title={`Rename ${organisation.code}`} onClose={onClose}>
      {() => (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            try {
              onRenamed(await adminApi.renameOrganisation(organisation.id, name.trim()));
              onClose();
            } catch (err) {
              setError(errorDetail(err, 'The organisation could not be renamed.'));
            }
          }}
          noValidate
        >
          <label htmlFor="org-rename">Name</label>
          <input id="org-rename" type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
          <p className="muted">The code stays {organisation.code}: other systems know the organisation by it.</p>
          <FormError message={error} />
          <div className="admin-actions">
            <button type="button" className="secondary" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary">
              Rename
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
