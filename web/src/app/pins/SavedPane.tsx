import { useEffect, useRef } from 'react';
import { renderMarkdown } from '../../markdown';
import type { ConversationStore } from '../../store/conversations';
import type { PeopleStore } from '../../store/people';
import { isolate } from '../../text/isolate';
import { conversationTitle } from '../chat/title';
import { RailIcon, RailItem } from '../ui/RailItem';
import { useStore } from '../useStore';
import { initials } from '../util';
import type { SavedItem } from './pinsApi';
import { when } from './PinnedPanel';
import type { SavedStore } from './savedStore';
import './pins.css';

/** The message's text as plain words (markdown rendered and sanitised, then read as text): previews show no markup. */
export function plainText(markdown: string, nameOf: (id: string) => string | undefined): string {
  const div = document.createElement('div');
  div.innerHTML = renderMarkdown(markdown, nameOf);
  return (div.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function SavedRailItem({ current, onSelect }: { current: boolean; onSelect: () => void }) {
  return (
    <RailItem
      href="#saved"
      label="Saved"
      current={current}
      onSelect={onSelect}
      icon={
        <RailIcon>
          <path d="M6 3h12a1 1 0 0 1 1 1v17l-7-4.5L5 21V4a1 1 0 0 1 1-1z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
        </RailIcon>
      }
    />
  );
}

/**
 * The Saved section: the person's saved messages, newest first, in conversations they are
 * still in; choosing one opens it in its conversation.
 */
export function SavedPane({
  saved,
  people,
  conversations,
  onOpen,
}: {
  saved: SavedStore;
  people: PeopleStore;
  conversations: ConversationStore;
  onOpen: (item: SavedItem) => void;
}) {
  useStore(saved);
  useStore(people);
  useStore(conversations);
  const items = saved.items();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    void saved.load().catch(() => {});
  }, [saved]);
  useEffect(() => {
    if (items) people.want(items.map((i) => i.message.authorId));
  }, [items, people]);
  const nameOf = (id: string) => people.person(id)?.displayName;

  return (
    <aside className="list-pane saved-pane" aria-labelledby="saved-heading">
      <div className="list-head">
        <h2 id="saved-heading" ref={heading} tabIndex={-1}>
          Saved
        </h2>
      </div>
      {!items && <p className="muted pad">Loading saved messages…</p>}
      {items && items.length === 0 && <p className="muted pad">Nothing saved yet. Save a message from its actions to find it here later.</p>}
      <ol className="activity-list" aria-label="Saved messages, newest first">
        {(items ?? []).map((item) => {
          const author = isolate(nameOf(item.message.authorId) ?? '…');
          const c = conversations.conversation(item.conversationId);
          const where = c ? conversationTitle(c, people) : 'a conversation';
          return (
            <li key={item.messageId}>
              <button type="button" className="activity-item saved-item" onClick={() => onOpen(item)}>
                <span className="avatar" aria-hidden="true">
                  {initials(author)}
                </span>
                <span className="activity-text">
                  <span className="activity-line">
                    {author} in {where}
                  </span>
                  {item.message.deletedAt ? (
                    <span className="activity-preview muted">This message was deleted.</span>
                  ) : (
                    <span className="activity-preview">{plainText(item.message.text ?? '', nameOf)}</span>
                  )}
                  <time className="activity-time muted" dateTime={item.message.createdAt}>
                    {when(item.message.createdAt)}
                  </time>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </aside>
  );
}
