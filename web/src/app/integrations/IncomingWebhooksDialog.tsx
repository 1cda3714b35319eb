import { useCallback, useEffect, useId, useState } from 'react';
import { dayLabel } from '../util';
import { Modal } from '../ui/Modal';
import { integrationsApi, type IncomingWebhook, type IntegrationsRemote } from './integrationsApi';
import { curlExample } from './integrationsModel';
import { Confirm, refusal, Secret } from './Secret';
import './integrations.css';

/**
 * A channel's (or group's) incoming webhooks: other systems post here with Slack's message
 * format. The URL is the secret and is shown once, when the hook is made.
 */
export function IncomingWebhooksDialog({
  conversationId,
  title,
  onClose,
  remote = integrationsApi,
}: {
  conversationId: string;
  title: string;
  onClose: () => void;
  remote?: IntegrationsRemote;
}) {
  const id = useId();
  const [hooks, setHooks] = useState<IncomingWebhook[] | null>(null);
  const [name, setName] = useState('');
  const [made, setMade] = useState<{ name: string; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<IncomingWebhook | null>(null);
  const load = useCallback(() => {
    remote.webhooks(conversationId).then(setHooks, (e) => setError(refusal(e, 'Could not load the webhooks.').text));
  }, [remote, conversationId]);
  useEffect(load, [load]);
  return (
    <Modal title={`Incoming webhooks: ${title}`} onClose={onClose} wide>
      {() => (
        <div>
          <p className="muted">A system posts to a webhook’s address (Slack’s message format); its messages appear here from a bot named after the webhook.</p>
          {made && (
            <>
              <Secret label={`Address of ${made.name}`} value={made.url} />
              <p className="muted">Try it:</p>
              <pre className="integ-curl">{curlExample(made.url)}</pre>
            </>
          )}
          <form
            className="integ-form integ-inline"
            onSubmit={(e) => {
              e.preventDefault();
              setError(null);
              remote.createWebhook(conversationId, name.trim()).then(
                (w) => {
                  setMade({ name: w.name, url: w.url });
                  setName('');
                  load();
                },
                (err) => setError(refusal(err, 'The webhook was not made.').text),
              );
            }}
          >
            <span>
              <label htmlFor={`${id}-name`}>Webhook name (the bot’s name)</label>
              <input id={`${id}-name`} value={name} maxLength={120} placeholder="Bed manager" onChange={(e) => setName(e.target.value)} />
            </span>
            <button type="submit" className="primary" disabled={!name.trim()}>
              Create webhook
            </button>
          </form>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          {hooks && hooks.length === 0 && <p className="muted">No webhooks in this conversation.</p>}
          {hooks && hooks.length > 0 && (
            <ul className="settings-list" aria-label="Webhooks">
              {hooks.map((h) => (
                <li key={h.id} className="settings-row integ-row">
                  <span className="settings-row-text">
                    {h.name} <span className="muted">{h.createdAt ? `· created ${dayLabel(new Date(h.createdAt))}` : ''}</span>
                  </span>
                  <button type="button" className="secondary danger" aria-label={`Delete ${h.name}`} onClick={() => setDeleting(h)}>
                    Delete
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="dialog-foot">
            <button type="button" className="secondary" onClick={onClose}>
              Close
            </button>
          </div>
          {deleting && (
            <Confirm
              title={`Delete ${deleting.name}?`}
              text="Its address stops working at once. Messages it posted stay."
              action="Delete webhook"
              onConfirm={() => remote.deleteWebhook(deleting.id)}
              onClose={() => {
                setDeleting(null);
                load();
              }}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
