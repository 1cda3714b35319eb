import { useEffect, useState } from 'react';
import { ApiError } from '../../api';
import type { ConversationStore } from '../../store/conversations';
import type { MessageStore } from '../../store/messages';
import type { PeopleStore } from '../../store/people';
import type { UrgentStore } from '../../store/urgent';
import { isolate } from '../../text/isolate';
import type { Message } from '../../types';
import { useStore } from '../useStore';
import { conversationTitle } from './title';

/** Under an urgent message: "Acknowledge" for recipients, "Acknowledged by a of b" for the sender. */
export function UrgentStatus({ urgent, people, m }: { urgent: UrgentStore; people: PeopleStore; m: Message }) {
  useStore(urgent);
  useStore(people);
  const mine = m.authorId === people.me.id;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void urgent.loadAcknowledgements(m);
  }, [urgent, m]);

  if (mine) {
    const items = urgent.acknowledgements(m.id);
    if (!items) return null;
    const done = items.filter((a) => a.acknowledgedAt).length;
    const pending = items.filter((a) => !a.acknowledgedAt).map((a) => isolate(people.person(a.userId)?.displayName ?? '…'));
    return (
      <p className={`urgent-status${done === items.length ? ' done' : ''}`} title={pending.length ? `Waiting for ${pending.join(', ')}` : undefined}>
        Acknowledged by {done} of {items.length}
        {pending.length > 0 && <span className="visually-hidden">. Waiting for {pending.join(', ')}</span>}
      </p>
    );
  }
  if (urgent.acknowledgedByMe(m.id)) return <p className="urgent-status done">✓ Acknowledged</p>;
  const ack = () => {
    setBusy(true);
    setError(null);
    urgent
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
export function UrgentReminders({
  urgent,
  messages,
  conversations,
  people,
  onOpen,
}: {
  urgent: UrgentStore;
  messages: MessageStore;
  conversations: ConversationStore;
  people: PeopleStore;
  onOpen: (conversationId: string) => void;
}) {
  useStore(urgent);
  useStore(messages);
  useStore(conversations);
  useStore(people);
  const reminders = urgent.reminders();
  if (reminders.length === 0) return null;
  return (
    <div className="urgent-reminders" role="alert">
      {reminders.map((r) => {
        const m = messages.message(r.conversationId, r.messageId);
        // The message may not be loaded yet (conversation not opened): name the conversation instead.
        const c = conversations.conversation(r.conversationId);
        const from = m
          ? `from ${isolate(people.person(m.authorId)?.displayName ?? 'a colleague')}`
          : c
            ? `${c.kind === 'direct' ? 'from' : 'in'} ${conversationTitle(c, people)}`
            : 'waiting';
        return (
          <div key={r.messageId} className="urgent-reminder">
            <span className="tag urgent-tag">Urgent</span>
            <span>
              Urgent message {from} — reminder {r.attempt - 1}
            </span>
            <button type="button" className="secondary" onClick={() => onOpen(r.conversationId)}>
              Open
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => void urgent.acknowledge(r.conversationId, r.messageId).catch(() => {})}
            >
              Acknowledge
            </button>
          </div>
        );
      })}
    </div>
  );
}
