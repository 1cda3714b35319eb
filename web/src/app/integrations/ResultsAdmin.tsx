import { useCallback, useEffect, useId, useState } from 'react';
import type { Profile } from '../../types';
import { resultsApi, type OnCallRole } from '../results/resultsApi';
import type { PresenceStore } from '../../store/presence';
import { PeopleSearch } from '../teams/PeopleSearch';
import { errorText } from '../ui/Modal';
import type { ChainStep, Identifier, IdentifierSystem, IntegrationsRemote, ResultFeed } from './integrationsApi';
import { move } from './integrationsModel';

type Channel = { id: string; name: string };
const SYSTEMS: IdentifierSystem[] = ['GMC', 'NMC', 'HCPC', 'LOCAL'];

/** Settings → Integrations → Results: HL7 feeds, the inbox and escalation, on-call roles, identifiers. */
export function ResultsAdmin({ remote, channels, presence }: { remote: IntegrationsRemote; channels: Channel[]; presence: PresenceStore }) {
  const [roles, setRoles] = useState<OnCallRole[]>([]);
  const loadRoles = useCallback(() => {
    resultsApi.onCallRoles().then(setRoles, () => setRoles([]));
  }, []);
  useEffect(loadRoles, [loadRoles]);
  return (
    <section className="integ-block" aria-labelledby="integ-results">
      <h3 id="integ-results">Results</h3>
      <Feeds remote={remote} />
      <Roles remote={remote} roles={roles} onChange={loadRoles} />
      <Escalation remote={remote} channels={channels} roles={roles} />
      <Identifiers remote={remote} presence={presence} />
    </section>
  );
}

function Feeds({ remote }: { remote: IntegrationsRemote }) {
  const id = useId();
  const [feeds, setFeeds] = useState<ResultFeed[]>([]);
  const [facility, setFacility] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    remote.feeds().then(setFeeds, (e) => setError(errorText(e, 'Could not load the feeds.')));
  }, [remote]);
  useEffect(load, [load]);
  return (
    <div className="integ-sub">
      <h4 id={`${id}-h`}>HL7 feeds</h4>
      <p className="muted">A lab's messages are taken only from a sending facility (MSH-4) listed here.</p>
      {feeds.length > 0 && (
        <ul className="settings-list" aria-labelledby={`${id}-h`}>
          {feeds.map((f) => (
            <li key={f.id} className="settings-row">
              <span className="settings-row-text">
                {f.name} <code>{f.sendingFacility}</code>
              </span>
            </li>
          ))}
        </ul>
      )}
      <form
        className="integ-form integ-inline"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          remote.addFeed(facility.trim(), name.trim()).then(
            () => {
              setFacility('');
              setName('');
              load();
            },
            (err) => setError(errorText(err, 'The feed was not added.')),
          );
        }}
      >
        <span>
          <label htmlFor={`${id}-f`}>Sending facility</label>
          <input id={`${id}-f`} value={facility} onChange={(e) => setFacility(e.target.value)} />
        </span>
        <span>
          <label htmlFor={`${id}-n`}>Feed name</label>
          <input id={`${id}-n`} value={name} onChange={(e) => setName(e.target.value)} />
        </span>
        <button type="submit" className="secondary" disabled={!facility.trim() || !name.trim()}>
          Add feed
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Roles({ remote, roles, onChange }: { remote: IntegrationsRemote; roles: OnCallRole[]; onChange: () => void }) {
  const id = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="integ-sub">
      <h4 id={`${id}-h`}>On-call roles</h4>
      {roles.length > 0 && (
        <ul className="settings-list" aria-labelledby={`${id}-h`}>
          {roles.map((r) => (
            <li key={r.id} className="settings-row">
              <span className="settings-row-text">
                <span className="integ-role">{r.name}</span> <span className="muted">{r.holderName ? `held by ${r.holderName}` : 'nobody holds it'}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      <form
        className="integ-form integ-inline"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          remote.createOnCallRole(name.trim()).then(
            () => {
              setName('');
              onChange();
            },
            (err) => setError(errorText(err, 'The role was not made.')),
          );
        }}
      >
        <span>
          <label htmlFor={`${id}-n`}>New on-call role</label>
          <input id={`${id}-n`} value={name} placeholder="Medical registrar on call" onChange={(e) => setName(e.target.value)} />
        </span>
        <button type="submit" className="secondary" disabled={!name.trim()}>
          Add role
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Escalation({ remote, channels, roles }: { remote: IntegrationsRemote; channels: Channel[]; roles: OnCallRole[] }) {
  const id = useId();
  const [inbox, setInbox] = useState('');
  const [deputy, setDeputy] = useState('5');
  const [chain, setChain] = useState<ChainStep[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState('');
  useEffect(() => {
    remote.resultSettings().then(
      (s) => {
        setInbox(s.inboxConversationId ?? '');
        setDeputy(String(s.deputyAfterMinutes));
        setChain(s.chain);
      },
      () => {},
    );
  }, [remote]);
  const roleName = (rid: string) => roles.find((r) => r.id === rid)?.name ?? 'A role';
  const unused = roles.filter((r) => !chain.some((s) => s.onCallRoleId === r.id));
  const save = () => {
    setError(null);
    setDone('');
    remote
      .saveResultSettings({ inboxConversationId: inbox || null, deputyAfterMinutes: Number(deputy), chain })
      .then(() => setDone('Results settings saved.'), (e) => setError(errorText(e, 'Not saved.')));
  };
  return (
    <form
      className="integ-sub integ-form"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h4 id={`${id}-h`}>Results inbox and escalation</h4>
      <label htmlFor={`${id}-inbox`}>Results-inbox channel</label>
      <select id={`${id}-inbox`} value={inbox} onChange={(e) => setInbox(e.target.value)} aria-describedby={`${id}-inbox-hint`}>
        <option value="">None chosen</option>
        {channels.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <p id={`${id}-inbox-hint`} className="muted">
        Results whose orderer is not found go here (lab liaison).
      </p>
      <label htmlFor={`${id}-dep`}>Escalate a critical result to the deputy after (minutes)</label>
      <input id={`${id}-dep`} type="number" min={1} max={1440} value={deputy} onChange={(e) => setDeputy(e.target.value)} />
      <fieldset>
        <legend>Then on call, in this order</legend>
        {chain.length === 0 && <p className="muted">No on-call steps.</p>}
        <ol className="integ-chain">
          {chain.map((s, i) => (
            <li key={s.onCallRoleId} className="integ-row">
              <span className="settings-row-text">{roleName(s.onCallRoleId)}</span>
              <label htmlFor={`${id}-m${i}`} className="visually-hidden">
                Minutes before {roleName(s.onCallRoleId)}
              </label>
              <input
                id={`${id}-m${i}`}
                type="number"
                min={1}
                max={1440}
                className="integ-minutes"
                value={s.afterMinutes}
                onChange={(e) => setChain(chain.map((x, j) => (j === i ? { ...x, afterMinutes: Number(e.target.value) } : x)))}
              />
              <span className="muted">min</span>
              <button type="button" className="secondary" disabled={i === 0} aria-label={`Move ${roleName(s.onCallRoleId)} up`} onClick={() => setChain(move(chain, i, -1))}>
                ↑
              </button>
              <button
                type="button"
                className="secondary"
                disabled={i === chain.length - 1}
                aria-label={`Move ${roleName(s.onCallRoleId)} down`}
                onClick={() => setChain(move(chain, i, 1))}
              >
                ↓
              </button>
              <button type="button" className="secondary danger" aria-label={`Remove ${roleName(s.onCallRoleId)}`} onClick={() => setChain(chain.filter((_, j) => j !== i))}>
                Remove
              </button>
            </li>
          ))}
        </ol>
        {unused.length > 0 && (
          <label className="integ-add-step">
            Add a step{' '}
            <select
              value=""
              onChange={(e) => e.target.value && setChain([...chain, { onCallRoleId: e.target.value, afterMinutes: 10 }])}
            >
              <option value="">Choose an on-call role…</option>
              {unused.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <p role="status" className="settings-done">
        {done}
      </p>
      <button type="submit" className="primary">
        Save results settings
      </button>
    </form>
  );
}

function Identifiers({ remote, presence }: { remote: IntegrationsRemote; presence: PresenceStore }) {
  const id = useId();
  const [person, setPerson] = useState<Profile | null>(null);
  const [values, setValues] = useState<Record<IdentifierSystem, string>>({ GMC: '', NMC: '', HCPC: '', LOCAL: '' });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const pick = (p: Profile) => {
    setPerson(p);
    setDone('');
    setError(null);
    remote.identifiers(p.id).then(
      (items) => {
        const next: Record<IdentifierSystem, string> = { GMC: '', NMC: '', HCPC: '', LOCAL: '' };
        for (const i of items) if (i.system in next) next[i.system] = i.value;
        setValues(next);
      },
      (e) => setError(errorText(e, 'Could not load their identifiers.')),
    );
  };
  const save = () => {
    if (!person) return;
    const items: Identifier[] = SYSTEMS.filter((s) => values[s].trim()).map((s) => ({ system: s, value: values[s].trim() }));
    setError(null);
    remote.setIdentifiers(person.id, items).then(() => setDone(`Saved for ${person.displayName}.`), (e) => setError(errorText(e, 'Not saved.')));
  };
  return (
    <div className="integ-sub">
      <h4>Professional identifiers</h4>
      <p className="muted">Results are routed to the ordering clinician by these numbers, never by name.</p>
      {/* meId is not excluded: an admin may record their own numbers too. */}
      <PeopleSearch meId="" presence={presence} id={`${id}-who`} label="Find a person" exclude={[]} onPick={pick} />
      {person && (
        <form
          className="integ-form"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <p>
            Identifiers of <strong>{person.displayName}</strong>
          </p>
          <div className="integ-ids">
            {SYSTEMS.map((s) => (
              <span key={s}>
                <label htmlFor={`${id}-${s}`}>{s}</label>
                <input id={`${id}-${s}`} value={values[s]} onChange={(e) => setValues({ ...values, [s]: e.target.value })} />
              </span>
            ))}
          </div>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <p role="status" className="settings-done">
            {done}
          </p>
          <button type="submit" className="primary">
            Save identifiers
          </button>
        </form>
      )}
    </div>
  );
}
