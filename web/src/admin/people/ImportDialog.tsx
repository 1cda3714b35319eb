import { useState } from 'react';
import type { Me } from '../../types';
import { Modal } from '../../app/ui/Modal';
import { adminApi, type AdminOrganisation, type CsvReport } from '../adminApi';
import { errorDetail, FormError } from '../AdminUi';
import { isPlatformAdmin } from '../sections';

/** The server's limit (PeopleImport.MAX_CHARS): the file travels in a JSON body. */
const MAX_CHARS = 60_000;

/**
 * Import from CSV in two steps: Check runs a dry run and shows every problem by line and column;
 * Import (offered only when the check found none) writes every row or nothing.
 */
export function ImportDialog({
  me,
  organisations,
  organisationId,
  onImported,
  onClose,
}: {
  me: Me;
  organisations: AdminOrganisation[];
  organisationId: string;
  onImported: () => void;
  onClose: () => void;
}) {
  const [fileName, setFileName] = useState<string | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [org, setOrg] = useState(organisationId || me.organisation.id);
  const [report, setReport] = useState<CsvReport | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function check(text: string) {
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      setReport(await adminApi.importCsv(text, true, org));
    } catch (e) {
      setError(errorDetail(e, 'The file could not be checked.'));
    } finally {
      setBusy(false);
    }
  }

  async function importAll() {
    if (!csv) return;
    setBusy(true);
    setError(null);
    try {
      const r = await adminApi.importCsv(csv, false, org);
      setDone(r.created.length);
      setReport(null);
      onImported();
    } catch (e) {
      setError(errorDetail(e, 'Nothing was imported.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title="Import people from CSV" onClose={onClose} wide>
      {() => (
        <div className="admin-import">
          <p>
            A header row, then a row per person. Columns: <code>email</code>, <code>displayName</code> (both required),{' '}
            <code>jobTitle</code>, <code>department</code>, <code>role</code> (<code>member</code> when blank, or <code>org_admin</code>
            {isPlatformAdmin(me) ? <>, <code>platform_admin</code></> : null}). Up to 500 people per file. Imported people have no
            password yet: issue each a password link.
          </p>
          {isPlatformAdmin(me) && organisations.length > 0 && (
            <>
              <label htmlFor="import-org">Import into</label>
              <select id="import-org" value={org} onChange={(e) => setOrg(e.target.value)}>
                {organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </>
          )}
          <label htmlFor="import-file">CSV file</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              setDone(null);
              setReport(null);
              if (!file) return;
              const text = await file.text();
              if (text.length > MAX_CHARS) {
                setCsv(null);
                setError(`The file is longer than ${MAX_CHARS.toLocaleString('en-GB')} characters; split it into smaller files.`);
                return;
              }
              setFileName(file.name);
              setCsv(text);
              void check(text);
            }}
          />
          {busy && (
            <p role="status" className="muted">
              Working…
            </p>
          )}
          <FormError message={error} />
          {done !== null && (
            <p className="notice" role="status">
              Imported {done} {done === 1 ? 'person' : 'people'}.
            </p>
          )}
          {report && report.errors.length > 0 && (
            <div className="admin-import-errors">
              <h3 id="import-errors-title" role="status">
                {report.errors.length} {report.errors.length === 1 ? 'problem' : 'problems'} in {fileName}: nothing has been imported
              </h3>
              <p>Fix them in the file and choose it again.</p>
              <div className="admin-table-wrap">
                <table className="admin-table admin-table-compact" aria-labelledby="import-errors-title">
                  <thead>
                    <tr>
                      <th scope="col">Line</th>
                      <th scope="col">Column</th>
                      <th scope="col">Problem</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.errors.map((e, i) => (
                      <tr key={i}>
                        <td data-label="Line">{e.line}</td>
                        <td data-label="Column">{e.column ?? '(whole row)'}</td>
                        <td data-label="Problem">{e.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          )}
          {report && report.errors.length === 0 && (
            <p className="notice" role="status">
              {fileName}: all {report.rows} {report.rows === 1 ? 'person is' : 'people are'} ready to import.
            </p>
          )}
          <div className="admin-actions">
            <button type="button" className="secondary" onClick={onClose}>
              {done !== null ? 'Close' : 'Cancel'}
            </button>
            {csv && report && report.errors.length === 0 && (
              <button type="button" className="primary" onClick={() => void importAll()} disabled={busy}>
                Import {report.rows} {report.rows === 1 ? 'person' : 'people'}
              </button>
            )}
          </div>
        </div>
      )}
    </Modal>
  );
}
