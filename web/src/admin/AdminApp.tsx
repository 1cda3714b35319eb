import { useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import type { Me } from '../types';
import { isAdmin, SECTIONS, sectionOfHash, type SectionId } from './sections';
import { AuditPage } from './audit/AuditPage';
import { UsagePage } from './usage/UsagePage';
import { SsoPage } from './sso/SsoPage';
import { ScimPage } from './scim/ScimPage';
import { OrganisationsPage } from './organisations/OrganisationsPage';
import { PeoplePage } from './people/PeoplePage';
import { TeamsPage } from './teams/TeamsPage';
import { PoliciesPage } from './policies/PoliciesPage';
import { RetentionPage } from './retention/RetentionPage';

type Load = { state: 'loading' } | { state: 'signed-out' } | { state: 'failed' } | { state: 'ready'; me: Me };

/** The admin pages: one navigation, one section at a time; every figure comes from the admin API, which checks the role again. */
export function AdminApp() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    api
      .me()
      .then((me) => setLoad({ state: 'ready', me }))
      .catch((e) => setLoad(e instanceof ApiError && e.status === 401 ? { state: 'signed-out' } : { state: 'failed' }));
    const onHash = () => setHash(location.hash);
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  if (load.state === 'loading') return <p className="loading" role="status">Loading…</p>;
  if (load.state === 'signed-out')
    return (
      <main className="admin-message">
        <h1>Confer administration</h1>
        <p>
          <a href="/">Sign in to Confer</a> first, then come back to this page.
        </p>
      </main>
    );
  if (load.state === 'failed')
    return (
      <main className="admin-message">
        <h1>Confer administration</h1>
        <p role="alert">Cannot reach Confer right now. Reload the page to try again.</p>
      </main>
    );
  const me = load.me;
  if (!isAdmin(me))
    return (
      <main className="admin-message">
        <h1>Confer administration</h1>
        <p>Only organisation and platform admins can use these pages. <a href="/">Back to Confer</a></p>
      </main>
    );
  const section = sectionOfHash(hash, me);
  return (
    <div className="admin">
      <header className="admin-top">
        <a className="admin-back" href="/">
          Confer
        </a>
        <span className="admin-title">Administration · {me.organisation.name}</span>
      </header>
      <nav className="admin-nav" aria-label="Administration">
        <ul>
          {SECTIONS.filter((s) => s.visibleTo(me)).map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`} aria-current={s.id === section ? 'page' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="admin-main" id="admin-main">
        <SectionPage section={section} me={me} />
      </main>
    </div>
  );
}

function SectionPage({ section, me }: { section: SectionId; me: Me }) {
  switch (section) {
    case 'organisations':
      return <OrganisationsPage />;
    case 'people':
      return <PeoplePage me={me} />;
    case 'teams':
      return <TeamsPage me={me} />;
    case 'audit':
      return <AuditPage me={me} />;
    case 'policies':
      return <PoliciesPage me={me} />;
    case 'usage':
      return <UsagePage me={me} />;
    case 'sign-in':
      return <SsoPage me={me} />;
    case 'provisioning':
      return <ScimPage me={me} />;
    case 'retention':
      return <RetentionPage me={me} />;
    default:
      return <h1>{SECTIONS.find((s) => s.id === section)?.label}</h1>;
  }
}
