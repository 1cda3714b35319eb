import { useEffect, useState } from 'react';
import { ApiError } from '../api';
import type { Message } from '../types';
import type { ChatController } from './controller';
import { isolate } from '../text/isolate';

/** Under an urgent message: "Acknowledge" for recipients, "Acknowledged by a of b" for the sender. */
export function UrgentStatus({ controller, m }: { controller: ChatController; m: Message }) {
  const { store } = controller;
  const mine = m.authorId === controller.me.id;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void controller.loadAcknowledgements(m);
  }, [controller, m]);

  if (mine) {
    const items = store.acknowledgements(m.id);
    if (!items) return null;
    const done = items.filter((a) => a.acknowledgedAt).length;
    const pending = items.filter((a) => !a.acknowledgedAt).map((a) => isolate(store.person(a.userId)?.displayName ?? '…'));
    return (
      <p className={`urgent-status${done === items.length ? ' done' : ''}`} title={pending.length ? `Waiting for ${pending.join(', ')}` : undefined}>
        Acknowledged by {done} of {items.length}
        {pending.length > 0 && <span className="visually-hidden">. Waiting for {pending.join(', ')}</span>}
      </p>
    );
  }
  if (store.acknowledgedByMe(m.id)) return <p className="urgent-status done">✓ Acknowledged</p>;
  const ack = () => {
    setBusy(true);
    setError(null);
    controller
      .acknowledge(m.conversationId, m.id)
      .catch((e) => setError(e instanceof ApiError ? e.detail : 'Could not acknowledge. Try again.'))
      .finally(() => setBusy(false));
  };
  return (
    <div className="urgent-status">
      <button type="button" className="primary urgent-ack" onClick={ack} disabled={busy}>
        Acknowledge
      </button>
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Reminders for urgent messages still waiting for this person's acknowledgement. */
export function UrgentReminders({ controller }: { controller: ChatController }) {
  const reminders = controller.store.reminders();
  if (reminders.length === 0) return null;
  return (
    <div className="urgent-reminders" role="alert">
      {reminders.map((r) => {
        const m = controller.store.message(r.conversationId, r.messageId);
        // The message may not be loaded yet (conversation not opened): name the conversation instead.
        const c = controller.store.conversation(r.conversationId);
        const from = m
          ? `from ${isolate(controller.store.person(m.authorId)?.displayName ?? 'a colleague')}`
          : c
            ? `${c.kind === 'direct' ? 'from' : 'in'} ${controller.title(c)}`
            : 'waiting';
        return (
          <div key={r.messageId} className="urgent-reminder">
            <span className="tag urgent-tag">Urgent</span>
            <span>
              Urgent message {from} — reminder {r.attempt - 1}
            </span>
            <button type="button" className="secondary" onClick={() => controller.select(r.conversationId)}>
              Open
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => void controller.acknowledge(r.conversationId, r.messageId).catch(() => {})}
            >
              Acknowledge
            </button>
          </div>
        );
      })}
    </div>
  );
}
