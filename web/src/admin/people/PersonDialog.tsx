import { useState, type FormEvent } from 'react';
import type { Me } from '../../types';
import { Modal } from '../../app/ui/Modal';
import { adminApi, ROLE_LABELS, type AdminOrganisation, type AdminUser, type PasswordLink, type Role } from '../adminApi';
import { Confirm, errorDetail, formatDateTime, FormError, Notice, OneTimeSecret } from '../AdminUi';
import { isPlatformAdmin } from '../sections';

function roles(me: Me): Role[] {
  return isPlatformAdmin(me) ? ['member', 'org_admin', 'platform_admin'] : ['member', 'org_admin'];
}

/** One person: their details and role, and the actions on them (disable/enable, sign out everywhere, password link). */
export function PersonDialog({
  me,
  user,
  notice,
  onChanged,
  onClose,
}: {
  me: Me;
  user: AdminUser;
  notice?: string;
  onChanged: (u: AdminUser) => void;
  onClose: () => void;
}) {
  const [current, setCurrent] = useState(user);
  const [displayName, setDisplayName] = useState(user.displayName);
  const [jobTitle, setJobTitle] = useState(user.jobTitle ?? '');
  const [department, setDepartment] = useState(user.department ?? '');
  const [role, setRole] = useState<Role>(user.role);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(notice ?? null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<'disable' | 'sign-out' | null>(null);
  const [link, setLink] = useState<PasswordLink | null>(null);
  const self = user.id === me.id;
  const untouchable = user.role === 'platform_admin' && !isPlatformAdmin(me);

  const changed = (u: AdminUser, message: string) => {
    setCurrent(u);
    onChanged(u);
    setStatus(message);
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const u = await adminApi.updateUser(current.id, {
        displayName: displayName.trim(),
        jobTitle: jobTitle.trim(),
        department: department.trim(),
        ...(role !== current.role ? { role } : {}),
      });
      changed(u, 'Saved.');
    } catch (err) {
      setError(errorDetail(err, 'The changes could not be saved.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title={current.displayName} onClose={onClose} wide>
      {() => (
        <div className="admin-person">
          <p className="muted admin-email">{current.email}</p>
          <Notice message={status} />
          <form onSubmit={save} noValidate>
            <div className="admin-form-grid">
              <div>
                <label htmlFor="person-name">Name</label>
                <input id="person-name" type="text" value={displayName} onChange={(e) => setDisplayName(e.target.value)} disabled={untouchable} required />
              </div>
              <div>
                <label htmlFor="person-job">Job title</label>
                <input id="person-job" type="text" value={jobTitle} onChange={(e) => setJobTitle(e.target.value)} disabled={untouchable} />
              </div>
              <div>
                <label htmlFor="person-dept">Department</label>
                <input id="person-dept" type="text" value={department} onChange={(e) => setDepartment(e.target.value)} disabled={untouchable} />
              </div>
              <div>
                <label htmlFor="person-role">Role</label>
                <select id="person-role" value={role} onChange={(e) => setRole(e.target.value as Role)} disabled={self || untouchable}>
                  {(untouchable ? (['platform_admin'] as Role[]) : roles(me)).map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABELS[r]}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <FormError message={error} />
            <div className="admin-actions">
              <button type="submit" className="primary" disabled={busy || untouchable}>
                Save changes
              </button>
            </div>
          </form>
          {!untouchable && !self && (
            <section className="admin-person-actions" aria-labelledby="person-actions-title">
              <h3 id="person-actions-title">Account</h3>
              <p>
                Status: <strong>{current.status === 'active' ? 'Active' : 'Disabled'}</strong>
              </p>
              <div className="admin-button-row">
                {current.status === 'active' ? (
                  <button type="button" className="secondary danger" onClick={() => setConfirm('disable')}>
                    Disable account
                  </button>
                ) : (
                  <button
                    type="button"
                    className="secondary"
                    onClick={async () => {
                      try {
                        changed(await adminApi.updateUser(current.id, { status: 'active' }), 'Enabled: they can sign in again.');
                      } catch (err) {
                        setError(errorDetail(err, 'The account could not be enabled.'));
                      }
                    }}
                  >
                    Enable account
                  </button>
                )}
                <button type="button" className="secondary" onClick={() => setConfirm('sign-out')} disabled={current.status !== 'active'}>
                  Sign out everywhere
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={current.status !== 'active'}
                  onClick={async () => {
                    setError(null);
                    try {
                      setLink(await adminApi.passwordLink(current.id));
                    } catch (err) {
                      setError(errorDetail(err, 'No link could be issued.'));
                    }
                  }}
                >
                  Issue password link
                </button>
              </div>
              {link && (
                <OneTimeSecret
                  label="One-time password link"
                  value={link.link}
                  note={`Also emailed to ${current.email}. It works once, until ${formatDateTime(link.expiresAt)}; you will not see it again.`}
                />
              )}
            </section>
          )}
          <div className="admin-actions">
            <button type="button" className="secondary" onClick={onClose}>
              Close
            </button>
          </div>
          {confirm === 'disable' && (
            <Confirm
              title={`Disable ${current.displayName}?`}
              confirmLabel="Disable account"
              danger
              onClose={() => setConfirm(null)}
              onConfirm={async () => changed(await adminApi.updateUser(current.id, { status: 'disabled' }), 'Disabled: every session ended.')}
            >
              <p>They are signed out everywhere at once and cannot sign in until the account is enabled again. Their messages stay.</p>
            </Confirm>
          )}
          {confirm === 'sign-out' && (
            <Confirm
              title={`Sign ${current.displayName} out everywhere?`}
              confirmLabel="Sign out everywhere"
              onClose={() => setConfirm(null)}
              onConfirm={async () => {
                const r = await adminApi.signOutEverywhere(current.id);
                setStatus(`Signed out: ${r.sessionsEnded} session${r.sessionsEnded === 1 ? '' : 's'} ended.`);
              }}
            >
              <p>Every open Confer app of theirs returns to the sign-in page. They can sign in again with their password.</p>
            </Confirm>
          )}
        </div>
      )}
    </Modal>
  );
}

/** A new person: no password is set here; the admin issues a password link afterwards. */
export function NewPersonDialog({
  me,
  organisations,
  organisationId,
  onCreated,
  onClose,
}: {
  me: Me;
  organisations: AdminOrganisation[];
  organisationId: string;
  onCreated: (u: AdminUser) => void;
  onClose: () => void;
}) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [jobTitle, setJobTitle] = useState('');
  const [department, setDepartment] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [org, setOrg] = useState(organisationId || me.organisation.id);
  const [error, setError] = useState<{ text: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onCreated(
        await adminApi.createUser({
          email: email.trim(),
          displayName: displayName.trim(),
          jobTitle: jobTitle.trim() || undefined,
          department: department.trim() || undefined,
          role,
          organisationId: org,
        }),
      );
    } catch (err) {
      const field = err && typeof err === 'object' && 'problem' in err ? (err as { problem?: { field?: string } }).problem?.field : undefined;
      setError({ text: errorDetail(err, 'The person could not be added.'), field });
      setBusy(false);
    }
  }

  const invalid = (f: string) => (error?.field === f ? true : undefined);
  return (
    <Modal title="Add a person" onClose={onClose} wide>
      {() => (
        <form onSubmit={submit} noValidate>
          <div className="admin-form-grid">
            <div>
              <label htmlFor="new-email">Email</label>
              <input id="new-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={invalid('email')} required />
            </div>
            <div>
              <label htmlFor="new-name">Name</label>
              <input id="new-name" type="text" value={displayName} onChange={(e) => setDisplayName(e.target.value)} aria-invalid={invalid('displayName')} required />
            </div>
            <div>
              <label htmlFor="new-job">Job title</label>
              <input id="new-job" type="text" value={jobTitle} onChange={(e) => setJobTitle(e.target.value)} />
            </div>
            <div>
              <label htmlFor="new-dept">Department</label>
              <input id="new-dept" type="text" value={department} onChange={(e) => setDepartment(e.target.value)} />
            </div>
            <div>
              <label htmlFor="new-role">Role</label>
              <select id="new-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {roles(me).map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
            </div>
            {isPlatformAdmin(me) && organisations.length > 0 && (
              <div>
                <label htmlFor="new-org">Organisation</label>
                <select id="new-org" value={org} onChange={(e) => setOrg(e.target.value)}>
                  {organisations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </div>
          {error && (
            <p className="form-error" role="alert">
              {error.text}
            </p>
          )}
          <div className="admin-actions">
            <button type="button" className="secondary" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy}>
              Add person
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
