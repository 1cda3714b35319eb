import { useCallback, useEffect, useId, useState } from 'react';
import { Modal, errorText } from '../ui/Modal';
import { dayLabel, timeLabel } from '../util';
import type { Bot, BotCommand, BotToken, IntegrationsRemote, OutgoingEvent, Scope } from './integrationsApi';
import { OUTGOING_EVENTS, SCOPES, scopeText } from './integrationsModel';
import { Confirm, refusal, Secret } from './Secret';

const when = (iso: string | null) => (iso ? `${dayLabel(new Date(iso))}, ${timeLabel(new Date(iso))}` : 'never');

/** One bot's tokens, slash commands and outgoing webhook. */
export function BotDialog({
  bot,
  remote,
  conversations,
  onClose,
}: {
  bot: Bot;
  remote: IntegrationsRemote;
  conversations: { id: string; name: string }[];
  onClose: () => void;
}) {
  return (
    <Modal title={`${bot.displayName}: tokens, commands and webhook`} onClose={onClose} wide>
      {() => (
        <div className="integ-bot">
          <Tokens bot={bot} remote={remote} conversations={conversations} />
          <Commands bot={bot} remote={remote} />
          <Outgoing bot={bot} remote={remote} />
          <div className="dialog-foot">
            <button type="button" className="secondary" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}

function Tokens({ bot, remote, conversations }: { bot: Bot; remote: IntegrationsRemote; conversations: { id: string; name: string }[] }) {
  const id = useId();
  const [tokens, setTokens] = useState<BotToken[] | null>(null);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['messages:write']);
  const [only, setOnly] = useState('');
  const [issued, setIssued] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<BotToken | null>(null);
  const load = useCallback(() => {
    remote.tokens(bot.id).then(setTokens, (e) => setError(errorText(e, 'Could not load the tokens.')));
  }, [remote, bot.id]);
  useEffect(load, [load]);
  const create = () => {
    setError(null);
    remote.createToken(bot.id, name.trim(), scopes, only ? [only] : []).then(
      (r) => {
        setIssued(r.token);
        setName('');
        load();
      },
      (e) => setError(refusal(e, 'The token was not made.').text),
    );
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Tokens</h3>
      {issued && <Secret label="New token" value={issued} />}
      <form
        className="integ-form"
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <label htmlFor={`${id}-name`}>Token name</label>
        <input id={`${id}-name`} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        <fieldset>
          <legend>Scopes</legend>
          {SCOPES.map((s) => (
            <div key={s.scope} className="integ-check">
              <input
                id={`${id}-${s.scope}`}
                type="checkbox"
                checked={scopes.includes(s.scope)}
                onChange={(e) => setScopes(e.target.checked ? [...scopes, s.scope] : scopes.filter((x) => x !== s.scope))}
              />
              <label htmlFor={`${id}-${s.scope}`}>
                <code>{s.scope}</code> <span className="muted">{s.text}</span>
              </label>
            </div>
          ))}
        </fieldset>
        <label htmlFor={`${id}-only`}>Only in this conversation (optional)</label>
        <select id={`${id}-only`} value={only} onChange={(e) => setOnly(e.target.value)}>
          <option value="">Every conversation the bot is in</option>
          {conversations.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={!name.trim() || scopes.length === 0}>
          Create token
        </button>
      </form>
      {tokens && tokens.length > 0 && (
        <ul className="settings-list" aria-label="Tokens">
          {tokens.map((t) => (
            <li key={t.id} className="settings-row integ-row">
              <span className="settings-row-text">
                <span className="integ-name">
                  {t.name} {t.revokedAt && <span className="tag">Revoked</span>}
                </span>
                <span className="muted">
                  {t.scopes.map((s) => (
                    <code key={s} title={scopeText(s)} className="integ-scope">
                      {s}
                    </code>
                  ))}
                  {t.conversationIds.length > 0 && ` · ${t.conversationIds.length} conversation only`}
                  {` · created ${when(t.createdAt)} · last used ${when(t.lastUsedAt)}`}
                  {t.revokedAt && ` · revoked ${when(t.revokedAt)}`}
                </span>
              </span>
              {!t.revokedAt && (
                <button type="button" className="secondary danger" aria-label={`Revoke ${t.name}`} onClick={() => setRevoking(t)}>
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {revoking && (
        <Confirm
          title={`Revoke ${revoking.name}?`}
          text="A system using this token is refused from now on. This cannot be undone."
          action="Revoke token"
          onConfirm={() => remote.revokeToken(bot.id, revoking.id)}
          onClose={() => {
            setRevoking(null);
            load();
          }}
        />
      )}
    </section>
  );
}

function Commands({ bot, remote }: { bot: Bot; remote: IntegrationsRemote }) {
  const id = useId();
  const [commands, setCommands] = useState<BotCommand[] | null>(null);
  const [draft, setDraft] = useState<BotCommand>({ name: '', usage: '', description: '' });
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    remote.commands(bot.id).then(setCommands, (e) => setError(errorText(e, 'Could not load the commands.')));
  }, [remote, bot.id]);
  useEffect(load, [load]);
  const act = (work: Promise<unknown>, fallback: string, after?: () => void) => {
    setError(null);
    work.then(
      () => {
        after?.();
        load();
      },
      (e) => setError(errorText(e, fallback)),
    );
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Slash commands</h3>
      {commands && commands.length > 0 && (
        <ul className="settings-list" aria-labelledby={`${id}-h`}>
          {commands.map((c) => (
            <li key={c.name} className="settings-row integ-row">
              <span className="settings-row-text">
                <code>/{c.name}</code> <span className="muted">{c.usage ? `${c.usage} · ` : ''}{c.description}</span>
              </span>
              <button type="button" className="secondary danger" aria-label={`Remove /${c.name}`} onClick={() => act(remote.removeCommand(bot.id, c.name), 'Not removed.')}>
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
          act(remote.addCommand(bot.id, { ...draft, name: draft.name.trim().replace(/^\//, '') }), 'The command was not added.', () =>
            setDraft({ name: '', usage: '', description: '' }),
          );
        }}
      >
        <span>
          <label htmlFor={`${id}-name`}>Command</label>
          <input id={`${id}-name`} value={draft.name} placeholder="porter" onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </span>
        <span>
          <label htmlFor={`${id}-usage`}>Usage</label>
          <input id={`${id}-usage`} value={draft.usage} placeholder="<bed> <job>" onChange={(e) => setDraft({ ...draft, usage: e.target.value })} />
        </span>
        <span>
          <label htmlFor={`${id}-desc`}>What it does</label>
          <input id={`${id}-desc`} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
        </span>
        <button type="submit" className="secondary" disabled={!draft.name.trim() || !draft.description.trim()}>
          Add command
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

function Outgoing({ bot, remote }: { bot: Bot; remote: IntegrationsRemote }) {
  const id = useId();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<OutgoingEvent[]>([]);
  const [enabled, setEnabled] = useState(true);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<{ text: string; field: string | null } | null>(null);
  useEffect(() => {
    remote.outgoing(bot.id).then((o) => {
      if (!o) return;
      setUrl(o.url);
      setEvents(o.events);
      setEnabled(o.enabled);
    });
  }, [remote, bot.id]);
  const save = () => {
    setError(null);
    remote.setOutgoing(bot.id, url.trim(), events, enabled).then(
      (o) => setSecret(o?.signingSecret ?? null),
      (e) => setError(refusal(e, 'The webhook was not saved.')),
    );
  };
  const urlError = error && (error.field === 'url' || !error.field) ? error.text : null;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Outgoing webhook</h3>
      <p className="muted">Confer POSTs signed events to this address. Private and internal addresses are refused unless their host is allowed below.</p>
      <form
        className="integ-form"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <label htmlFor={`${id}-url`}>URL</label>
        <input
          id={`${id}-url`}
          type="url"
          value={url}
          placeholder="https://bots.example.org/confer"
          onChange={(e) => setUrl(e.target.value)}
          aria-invalid={urlError ? true : undefined}
          aria-describedby={urlError ? `${id}-url-err` : undefined}
        />
        {urlError && (
          <p id={`${id}-url-err`} className="form-error" role="alert">
            {urlError}
          </p>
        )}
        <fieldset>
          <legend>Send when</legend>
          {OUTGOING_EVENTS.map((o) => (
            <div key={o.event} className="integ-check">
              <input
                id={`${id}-${o.event}`}
                type="checkbox"
                checked={events.includes(o.event)}
                onChange={(e) => setEvents(e.target.checked ? [...events, o.event] : events.filter((x) => x !== o.event))}
              />
              <label htmlFor={`${id}-${o.event}`}>{o.label}</label>
            </div>
          ))}
        </fieldset>
        <div className="integ-check">
          <input id={`${id}-on`} type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          <label htmlFor={`${id}-on`}>Enabled</label>
        </div>
        {error && !urlError && (
          <p className="form-error" role="alert">
            {error.text}
          </p>
        )}
        <button type="submit" className="primary" disabled={!url.trim() || events.length === 0}>
          Save webhook
        </button>
      </form>
      {secret && <Secret label="Signing secret" value={secret} />}
    </section>
  );
}
