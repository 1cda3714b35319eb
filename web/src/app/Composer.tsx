import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ConversationSummary } from '../types';
import type { ChatController } from './controller';
import { drafts } from './util';

/**
 * The message box. In the main pane (id `composer-text`) it can mark a message urgent; in the
 * thread panel it posts replies with `threadRootId`.
 */
export function Composer({
  controller,
  conversation,
  title,
  threadRootId,
}: {
  controller: ChatController;
  conversation: ConversationSummary;
  title: string;
  threadRootId?: string;
}) {
  const draftKey = threadRootId ? `${conversation.id}/${threadRootId}` : conversation.id;
  const [text, setText] = useState(() => drafts.get(draftKey) ?? '');
  const [urgent, setUrgent] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const textId = threadRootId ? `thread-composer-text` : 'composer-text';

  useEffect(() => {
    ref.current?.focus();
  }, [draftKey]);

  const update = (v: string) => {
    if (v && v.length > text.length) controller.typing(conversation.id);
    setText(v);
    if (v) drafts.set(draftKey, v);
    else drafts.delete(draftKey);
  };

  const send = () => {
    const t = text.trim();
    if (!t) return;
    controller.send(conversation.id, t, threadRootId || urgent ? { threadRootId, urgent: urgent || undefined } : undefined);
    update('');
    setUrgent(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };

  if (conversation.archived) return <p className="composer muted">This conversation is archived and read-only.</p>;
  const label = threadRootId ? 'Reply in thread' : `Message ${title}`;
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label htmlFor={textId} className="visually-hidden">
        {label}
      </label>
      <textarea
        id={textId}
        ref={ref}
        rows={Math.min(8, Math.max(2, text.split('\n').length))}
        value={text}
        placeholder={threadRootId ? 'Reply…' : `Message ${title}`}
        onChange={(e) => update(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={hintId}
        maxLength={16000}
      />
      <div className="composer-foot">
        <span id={hintId} className="muted hint">
          Enter to send, Shift+Enter for a new line. Markdown is supported.
        </span>
        {!threadRootId && (
          <label className={`urgent-toggle${urgent ? ' on' : ''}`}>
            <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />
            Urgent
          </label>
        )}
        <button type="submit" className="primary" disabled={!text.trim()}>
          {urgent ? 'Send urgent' : 'Send'}
        </button>
      </div>
    </form>
  );
}
