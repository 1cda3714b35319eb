import { useCallback, useEffect, useId, useState } from 'react';
import type { ChatController } from '../controller';
import { errorText } from '../ui/Modal';
import { useStore } from '../useStore';
import { BotsAdmin } from './BotsAdmin';
import { integrationsApi, type IntegrationsRemote } from './integrationsApi';
import { hostProblem, isAdmin } from './integrationsModel';
import { ResultsAdmin } from './ResultsAdmin';
import './integrations.css';

/**
 * Settings → Integrations, for organisation and platform admins only (the server refuses
 * everyone else anyway; this keeps the page honest): bots, the webhook allow-list, results.
 */
export function IntegrationsSection({ chat, remote = integrationsApi }: { chat: ChatController; remote?: IntegrationsRemote }) {
  const { conversations } = chat;
  useStore(conversations);
  if (!isAdmin(chat.me.role)) return null;
  const all = conversations.conversations().filter((c) => c.kind !== 'direct' && !c.archived);
  const named = all.map((c) => ({ id: c.id, name: chat.title(c) }));
  const channels = all.filter((c) => c.kind === 'channel').map((c) => ({ id: c.id, name: chat.title(c) }));
  return (
    <section className="settings-card integrations" aria-labelledby="settings-integrations">
      <h2 id="settings-integrations">Integrations</h2>
      <p className="muted">For organisation admins: the systems that post into Confer and the results it receives.</p>
      <BotsAdmin remote={remote} conversations={named} />
      <AllowedHosts remote={remote} />
      <ResultsAdmin remote={remote} channels={channels} presence={chat.presence} />
    </section>
  );
}

function AllowedHosts({ remote }: { remote: IntegrationsRemote }) {
  const id = useId();
  const [hosts, setHosts] = useState<string[]>([]);
  const [host, setHost] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    remote.allowedHosts().then(setHosts, (e) => setError(errorText(e, 'Could not load the allowed hosts.')));
  }, [remote]);
  useEffect(load, [load]);
  const save = (next: string[]) => {
    setError(null);
    remote.setAllowedHosts(next).then(setHosts, (e) => setError(errorText(e, 'Not saved.')));
  };
  return (
    <section className="integ-block" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Allowed webhook hosts</h3>
      <p className="integ-warning">
        Outgoing webhooks may not call private, internal or cloud-metadata addresses. Add a host here only if it is a system you trust inside
        your network: Confer will then send to it.
      </p>
      {hosts.length > 0 && (
        <ul className="settings-list" aria-labelledby={`${id}-h`}>
          {hosts.map((h) => (
            <li key={h} className="settings-row">
              <code className="settings-row-text">{h}</code>
              <button type="button" className="secondary danger" aria-label={`Remove ${h}`} onClick={() => save(hosts.filter((x) => x !== h))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="integ-form integ-inline"
        onSubmit={(e) => {
          e.preventDefault();
          const problem = hostProblem(host);
          if (problem) return setError(problem);
          save([...hosts, host.trim().toLowerCase()]);
          setHost('');
        }}
      >
        <span>
          <label htmlFor={`${id}-host`}>Host</label>
          <input id={`${id}-host`} value={host} placeholder="integration.trust.nhs.uk" onChange={(e) => setHost(e.target.value)} />
        </span>
        <button type="submit" className="secondary" disabled={!host.trim()}>
          Allow host
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
