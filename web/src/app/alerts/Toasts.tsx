import type { ConversationStore } from '../../store/conversations';
import type { PeopleStore } from '../../store/people';
import { isolate } from '../../text/isolate';
import { conversationTitle } from '../chat/title';
import { useStore } from '../useStore';
import { initials } from '../util';
import type { Toast, ToastStore } from './toasts';
import './alerts.css';

/**
 * New direct and group messages from elsewhere, bottom right. The region is always in the page
 * (role="status", polite), so a screen reader announces each toast as it is added.
 */
export function Toasts({
  toasts,
  conversations,
  people,
  onOpen,
}: {
  toasts: ToastStore;
  conversations: ConversationStore;
  people: PeopleStore;
  onOpen: (t: Toast) => void;
}) {
  useStore(toasts);
  useStore(people);
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label="New messages">
      {toasts.toasts().map((t) => {
        const author = isolate(people.person(t.authorId)?.displayName ?? 'Someone');
        const c = conversations.conversation(t.conversationId);
        const where = c && c.kind === 'group' ? conversationTitle(c, people) : null;
        return (
          <div
            key={t.id}
            className="toast"
            onMouseEnter={() => toasts.hold(t.id, true)}
            onMouseLeave={() => toasts.hold(t.id, false)}
            onFocus={() => toasts.hold(t.id, true)}
            onBlur={() => toasts.hold(t.id, false)}
          >
            <span className="avatar small" aria-hidden="true">
              {initials(people.person(t.authorId)?.displayName)}
            </span>
            <div className="toast-body">
              <p className="toast-title">
                <strong>{author}</strong>
                {where && <span className="muted"> in {where}</span>}
              </p>
              <p className="toast-preview">{t.preview}</p>
            </div>
            <div className="toast-actions">
              <button type="button" className="primary" onClick={() => onOpen(t)}>
                Open<span className="visually-hidden"> message from {author}</span>
              </button>
              <button type="button" className="icon-button toast-close" aria-label={`Dismiss message from ${author}`} onClick={() => toasts.dismiss(t.id)}>
                ×
              </button>
            </div>
          </div>
        );
      })}
    </div>
  );
}
