import { useMemo } from 'react';
import { renderMarkdown } from '../../markdown';
import { useStore } from '../useStore';
import type { CommandReply, CommandReplyStore } from './commandReplies';
import { MessageCardView } from './MessageCardView';
import './bots.css';

/**
 * The answers to my slash commands in this conversation, under its messages: "Only you can see
 * this", the answer's text through the markdown sanitiser, its card (without buttons: it is not
 * a message, so there is nothing to press them on) and Dismiss. They are announced politely.
 */
export function CommandNotices({
  replies,
  conversationId,
  nameOf,
}: {
  replies: CommandReplyStore;
  conversationId: string;
  nameOf: (id: string) => string | undefined;
}) {
  useStore(replies);
  const list = replies.replies(conversationId);
  return (
    <ul className="command-notices" aria-label="Answers only you can see" aria-live="polite">
      {list.map((r) => (
        <Notice key={r.id} r={r} nameOf={nameOf} onDismiss={() => replies.dismiss(conversationId, r.id)} />
      ))}
    </ul>
  );
}

function Notice({ r, nameOf, onDismiss }: { r: CommandReply; nameOf: (id: string) => string | undefined; onDismiss: () => void }) {
  const html = useMemo(() => renderMarkdown(r.text, nameOf), [r.text, nameOf]);
  return (
    <li className="command-notice">
      <p className="command-notice-who">
        <strong>Only you can see this</strong> · /{r.command}
      </p>
      {r.text && <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />}
      {r.card && <MessageCardView card={{ ...r.card, actions: [] }} conversationId={r.conversationId} messageId="" />}
      <button type="button" className="icon-button toast-close" aria-label={`Dismiss the answer to /${r.command}`} onClick={onDismiss}>
        ×
      </button>
    </li>
  );
}
