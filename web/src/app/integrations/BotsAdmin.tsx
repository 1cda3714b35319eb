import { useCallback, useEffect, useId, useState } from 'react';
import { BotBadge } from '../bots/BotBadge';
import { DialogForm, useDialogSubmit } from '../ui/DialogForm';
import { errorText } from '../ui/Modal';
import { dayLabel } from '../util';
import { BotDialog } from './BotDialog';
import type { Bot, IntegrationsRemote } from './integrationsApi';
import { Confirm } from './Secret';

type Open = { kind: 'new' } | { kind: 'manage'; bot: Bot } | { kind: 'delete'; bot: Bot } | null;

/** Settings → Integrations → Bots: the organisation's bots, made, switched off and deleted here. */
export function BotsAdmin({ remote, conversations }: { remote: IntegrationsRemote; conversations: { id: string; name: string }[] }) {
  const [bots, setBots] = useState<Bot[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState('');
  const load = useCallback(() => {
    remote.bots().then(setBots, (e) => setError(errorText(e, 'Could not load the bots.')));
  }, [remote]);
  useEffect(load, [load]);

  const toggle = (b: Bot) => {
    setError(null);
    remote.setBotEnabled(b.id, !b.enabled).then(
      () => {
        setDone(`${b.displayName} is ${b.enabled ? 'disabled' : 'enabled'}.`);
        load();
      },
      (e) => setError(errorText(e, 'Not changed.')),
    );
  };

  return (
    <section className="integ-block" aria-labelledby="integ-bots">
      <div className="integ-block-head">
        <h3 id="integ-bots">Bots</h3>
        <button type="button" className="primary" onClick={() => setOpen({ kind: 'new' })}>
          New bot
        </button>
      </div>
      <p className="muted">Accounts that post for other systems. Each one shows a BOT badge wherever its name appears.</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <p role="status" className="settings-done">
        {done}
      </p>
      {bots === null ? (
        !error && <p className="muted">Loading…</p>
      ) : bots.length === 0 ? (
        <p className="muted">No bots yet.</p>
      ) : (
        <ul className="settings-list" aria-labelledby="integ-bots">
          {bots.map((b) => (
            <li key={b.id} className="settings-row integ-row">
              <span className="settings-row-text">
                <span className="integ-name">
                  {b.displayName} <BotBadge />
                  {!b.enabled && <span className="tag">Disabled</span>}
                  {b.builtin && <span className="tag">Built in</span>}
                </span>
                <span className="muted">
                  {b.description || 'No description'}
                  {b.createdAt ? ` · created ${dayLabel(new Date(b.createdAt))}` : ''}
                </span>
              </span>
              <span className="integ-actions">
                <button type="button" className="secondary" onClick={() => setOpen({ kind: 'manage', bot: b })} aria-label={`Manage ${b.displayName}`}>
                  Manage
                </button>
                {!b.builtin && (
                  <>
                    <button type="button" className="secondary" onClick={() => toggle(b)} aria-label={`${b.enabled ? 'Disable' : 'Enable'} ${b.displayName}`}>
                      {b.enabled ? 'Disable' : 'Enable'}
                    </button>
                    <button type="button" className="secondary danger" onClick={() => setOpen({ kind: 'delete', bot: b })} aria-label={`Delete ${b.displayName}`}>
                      Delete
                    </button>
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {open?.kind === 'new' && (
        <NewBotDialog
          remote={remote}
          onClose={() => setOpen(null)}
          onDone={(b) => {
            load();
            setOpen({ kind: 'manage', bot: b });
          }}
        />
      )}
      {open?.kind === 'manage' && <BotDialog bot={open.bot} remote={remote} conversations={conversations} onClose={() => setOpen(null)} />}
      {open?.kind === 'delete' && (
        <Confirm
          title={`Delete ${open.bot.displayName}?`}
          text="Its tokens stop working at once and its webhook stops. Its messages stay."
          action="Delete bot"
          onConfirm={() => remote.deleteBot(open.bot.id).then(() => setDone(`${open.bot.displayName} was deleted.`))}
          onClose={() => {
            setOpen(null);
            load();
          }}
        />
      )}
    </section>
  );
}

function NewBotDialog({ remote, onClose, onDone }: { remote: IntegrationsRemote; onClose: () => void; onDone: (b: Bot) => void }) {
  const id = useId();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const { error, busy, submit } = useDialogSubmit();
  return (
    <DialogForm
      title="New bot"
      onClose={onClose}
      onSubmit={() => void submit(() => remote.createBot(name.trim(), description.trim()), 'The bot was not made.', onDone)}
      error={error}
      busy={busy}
      submitDisabled={busy || !name.trim()}
      submitLabel="Create bot"
    >
      <label htmlFor={`${id}-name`}>Display name</label>
      <input id={`${id}-name`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} aria-describedby={`${id}-hint`} autoFocus />
      <p id={`${id}-hint`} className="muted">
        It must not look like the name of a person in your organisation.
      </p>
      <label htmlFor={`${id}-desc`}>Description</label>
      <input id={`${id}-desc`} value={description} maxLength={500} onChange={(e) => setDescription(e.target.value)} />
    </DialogForm>
  );
}
