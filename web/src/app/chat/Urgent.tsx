import { useEffect, useState } from 'react';
import { ApiError } from '../../api';
import type { ConversationStore } from '../../store/conversations';
import type { MessageStore } from '../../store/messages';
import type { PeopleStore } from '../../store/people';
import type { UrgentStore } from '../../store/urgent';
import { isolate } from '../../text/isolate';
import type { Message } from '../../types';
import { useStore } from '../useStore';
import { AcknowledgementList } from '../alerts/AcknowledgementList';
import { conversationTitle } from './title';

/**
 * Under an urgent message: "Acknowledge" for recipients, and once the recipients are loaded
 * "Acknowledged by a of b" for the sender and for recipients who have acknowledged, which opens
 * the list of who acknowledged when (AcknowledgementList).
 */
export function UrgentStatus({ urgent, people, m }: { urgent: UrgentStore; people: PeopleStore; m: Message }) {
  useStore(urgent);
  useStore(people);
  const mine = m.authorId === people.me.id;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [listOpen, setListOpen] = useState(false);

  useEffect(() => {
    void urgent.loadAcknowledgements(m);
  }, [urgent, m]);

  const items = urgent.acknowledgements(m.id);
  const done = items ? items.filter((a) => a.acknowledgedAt).length : 0;
  const pending = items ? items.filter((a) => !a.acknowledgedAt).map((a) => isolate(people.person(a.userId)?.displayName ?? '…')) : [];
  const summary = items && items.length > 0 && (
    <button
      type="button"
      className="link-button ack-summary"
      aria-haspopup="dialog"
      title={pending.length ? `Waiting for ${pending.join(', ')}` : undefined}
      onClick={() => setListOpen(true)}
    >
      Acknowledged by {done} of {items.length}
    </button>
  );
  const list = listOpen && <AcknowledgementList urgent={urgent} people={people} m={m} onClose={() => setListOpen(false)} />;

  if (mine) {
    if (!items) return null;
    return (
      <div className={`urgent-status${done === items.length ? ' done' : ''}`}>
        {summary}
        {list}
      </div>
    );
  }
  const ack = () => {
    setBusy(true);
    setError(null);
    urgent
      .acknowledge(m.conversationId, m.id)
      .catch((e) => setError(e instanceof ApiError ? e.detail : 'Could not acknowledge. Try again.'))
      .finally(() => setBusy(false));
  };
  // A recipient acts first: until they acknowledge, Acknowledge is the one thing shown here.
  const acked = urgent.acknowledgedByMe(m.id);
  return (
    <div className={`urgent-status${acked ? ' done' : ''}`}>
      {acked ? (
        <span>✓ Acknowledged</span>
      ) : (
        <button type="button" className="primary urgent-ack" onClick={ack} disabled={busy}>
          Acknowledge
        </button>
      )}
      {acked && summary && (
        <>
          <span className="ack-separator" aria-hidden="true">
            ·
          </span>
          {summary}
        </>
      )}
      {list}
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * Urgent messages still waiting for this person's acknowledgement whose alert they put aside
 * (Open or Escape): a red bar at the top until they acknowledge; the next reminder raises the
 * alert again (app/alerts/UrgentAlert.tsx).
 */
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
  onOpen: (conversationId: string, messageId: string) => void;
}) {
  useStore(urgent);
  useStore(messages);
  useStore(conversations);
  useStore(people);
  const reminders = urgent.reminders().filter((r) => !r.raised);
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
              Urgent message {from} — waiting for your acknowledgement{r.attempt > 1 ? ` (reminder ${r.attempt - 1})` : ''}
            </span>
            <button type="button" className="secondary" onClick={() => onOpen(r.conversationId, r.messageId)}>
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
