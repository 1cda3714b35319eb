import { useLayoutEffect, useRef, useState } from 'react';
import { ApiError } from '../../api';
import { notificationBody } from '../../notifications';
import type { ConversationStore } from '../../store/conversations';
import type { MessageStore } from '../../store/messages';
import type { PeopleStore } from '../../store/people';
import type { UrgentReminder, UrgentStore } from '../../store/urgent';
import { isolate } from '../../text/isolate';
import { conversationTitle } from '../chat/title';
import { useStore } from '../useStore';
import { timeLabel } from '../util';
import type { TonePlayer } from './tone';
import './alerts.css';

/**
 * The alert an urgent message raises over whatever is open, from its first notice and again at
 * every reminder, until I acknowledge it (here or on another device): a modal <dialog> with
 * role="alertdialog" (the rest of the page is inert while it shows), one card per waiting
 * message, each with Acknowledge and Open. Focus goes to the dialog's heading, never to
 * Acknowledge, so a key pressed while typing cannot acknowledge a message nobody read. Open and
 * Escape lower it to the red bar at the top (UrgentReminders), which stays until acknowledged.
 */
export function UrgentAlert({
  urgent,
  messages,
  conversations,
  people,
  tone,
  onOpen,
}: {
  urgent: UrgentStore;
  messages: MessageStore;
  conversations: ConversationStore;
  people: PeopleStore;
  tone: TonePlayer;
  onOpen: (conversationId: string, messageId: string, threadRootId?: string) => void;
}) {
  useStore(urgent);
  useStore(messages);
  useStore(conversations);
  useStore(people);
  useStore(tone);
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<Element | null>(null);
  const raised = urgent.reminders().filter((r) => r.raised);
  const open = raised.length > 0;
  // A new message or a new attempt of one: focus comes back to the alert.
  const attempts = raised.map((r) => `${r.messageId}:${r.attempt}`).join(',');

  useLayoutEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open) {
      if (!d.open) {
        opener.current = document.activeElement;
        d.showModal();
      }
      heading.current?.focus();
    } else if (d.open) {
      d.close();
      const back = opener.current as HTMLElement | null;
      if (back?.isConnected) back.focus();
    }
  }, [open, attempts]);

  const lowerAll = () => {
    for (const r of raised) urgent.lower(r.messageId);
  };

  return (
    <dialog
      ref={dialog}
      className="urgent-alert"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="urgent-alert-title"
      aria-describedby="urgent-alert-help"
      data-tones={tone.plays}
      onCancel={(e) => {
        e.preventDefault();
        lowerAll();
      }}
    >
      {open && (
        <>
          <div className="urgent-alert-head">
            <span className="urgent-alert-icon" aria-hidden="true">
              !
            </span>
            <h2 id="urgent-alert-title" ref={heading} tabIndex={-1}>
              {raised.length === 1 ? 'Urgent message' : `${raised.length} urgent messages`}
            </h2>
          </div>
          <p id="urgent-alert-help" className="urgent-alert-help">
            {raised.length === 1 ? 'It needs' : 'They need'} your acknowledgement. Acknowledge tells the sender you have read it;
            Open shows it in its conversation.
          </p>
          {tone.blocked && (
            <p className="urgent-alert-sound">The browser blocked the alert sound. Click anywhere in Confer once so that reminders can sound.</p>
          )}
          <ol className="urgent-alert-list">
            {raised.map((r) => (
              <UrgentCard
                key={r.messageId}
                r={r}
                urgent={urgent}
                messages={messages}
                conversations={conversations}
                people={people}
                onOpen={() => {
                  urgent.lower(r.messageId);
                  onOpen(r.conversationId, r.messageId, messages.message(r.conversationId, r.messageId)?.threadRootId ?? undefined);
                }}
              />
            ))}
          </ol>
        </>
      )}
    </dialog>
  );
}

function UrgentCard({
  r,
  urgent,
  messages,
  conversations,
  people,
  onOpen,
}: {
  r: UrgentReminder;
  urgent: UrgentStore;
  messages: MessageStore;
  conversations: ConversationStore;
  people: PeopleStore;
  onOpen: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const m = messages.message(r.conversationId, r.messageId);
  const c = conversations.conversation(r.conversationId);
  const author = m ? isolate(people.person(m.authorId)?.displayName ?? 'A colleague') : null;
  const where = c ? conversationTitle(c, people) : null;
  const id = `urgent-${r.messageId}`;
  const ack = () => {
    setBusy(true);
    setError(null);
    urgent
      .acknowledge(r.conversationId, r.messageId)
      .catch((e) => setError(e instanceof ApiError ? e.detail : 'Could not acknowledge. Check the connection and try again.'))
      .finally(() => setBusy(false));
  };
  return (
    <li className="urgent-alert-item">
      <p id={`${id}-from`} className="urgent-alert-from">
        {author ? <strong>{author}</strong> : <strong>Urgent message</strong>}
        {where && c?.kind !== 'direct' && <span> in {where}</span>}
        {m && <span className="muted"> · {timeLabel(new Date(m.createdAt))}</span>}
        {r.attempt > 1 && <span className="tag urgent-tag">Reminder {r.attempt - 1}</span>}
      </p>
      <p id={`${id}-text`} className="urgent-alert-text">
        {m?.text ? notificationBody(m.text, (uid) => people.person(uid)?.displayName, 400) : 'Open the conversation to read it.'}
      </p>
      <div className="urgent-alert-actions">
        <button type="button" className="primary urgent-ack" onClick={ack} disabled={busy} aria-describedby={`${id}-from ${id}-text`}>
          Acknowledge
        </button>
        <button type="button" className="secondary" onClick={onOpen} aria-describedby={`${id}-from`}>
          Open
        </button>
      </div>
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
