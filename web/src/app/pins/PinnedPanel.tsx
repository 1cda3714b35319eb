import { useEffect, useMemo, useState } from 'react';
import { renderMarkdown } from '../../markdown';
import { isolate } from '../../text/isolate';
import type { ConversationSummary } from '../../types';
import type { ChatController } from '../controller';
import { errorText, Modal } from '../ui/Modal';
import { useStore } from '../useStore';
import { dayLabel, timeLabel } from '../util';
import type { Pin } from './pinsApi';
import './pins.css';

/** "Today, 09:14" or "3 Dec 2026, 09:14". */
export function when(at: string): string {
  const d = new Date(at);
  const day = dayLabel(d);
  return day === 'Today' ? timeLabel(d) : `${day}, ${timeLabel(d)}`;
}

/**
 * The conversation's pinned messages, newest pin first, live for every member: who wrote each,
 * who pinned it, "Go to message" (opens it in the conversation) and "Unpin".
 */
export function PinnedPanel({ chat, conversation: c, title, onClose }: { chat: ChatController; conversation: ConversationSummary; title: string; onClose: () => void }) {
  const { pins, people } = chat;
  useStore(pins);
  useStore(people);
  const [error, setError] = useState<string | null>(null);
  const list = pins.pins(c.id);
  useEffect(() => {
    pins.reload(c.id).catch((e) => setError(errorText(e, 'Could not load the pinned messages.')));
  }, [c.id, pins]);
  useEffect(() => {
    if (list) people.want([...list.map((p) => p.pinnedBy), ...list.map((p) => p.message.authorId)]);
  }, [list, people]);

  return (
    <Modal title={`Pinned in ${title}`} onClose={onClose} wide>
      {() => (
        <div>
          {!list && !error && <p className="muted small">Loading pinned messages…</p>}
          {list && list.length === 0 && <p className="muted">Nothing is pinned here yet. Pin a message from its actions so everyone can find it.</p>}
          {list && list.length > 0 && (
            <ol className="pin-list" aria-label={`Pinned messages in ${title}`}>
              {list.map((p) => (
                <PinRow
                  key={p.messageId}
                  pin={p}
                  chat={chat}
                  onOpen={() => {
                    onClose();
                    void chat.openAt(c.id, p.messageId, p.message.threadRootId ?? undefined);
                  }}
                  onUnpin={() => {
                    setError(null);
                    pins.toggle(c.id, p.messageId).catch((e) => setError(errorText(e, 'Could not unpin it. Try again.')));
                  }}
                />
              ))}
            </ol>
          )}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
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

function PinRow({ pin, chat, onOpen, onUnpin }: { pin: Pin; chat: ChatController; onOpen: () => void; onUnpin: () => void }) {
  const { people } = chat;
  const nameOf = (id: string) => people.person(id)?.displayName;
  const html = useMemo(() => renderMarkdown(pin.message.text ?? '', nameOf), [pin.message.text, people.version()]);
  const author = isolate(nameOf(pin.message.authorId) ?? '…');
  return (
    <li className="pin-row">
      <div className="pin-meta">
        <span className="author">{author}</span>
        <time className="muted" dateTime={pin.message.createdAt}>
          {when(pin.message.createdAt)}
        </time>
        {pin.message.urgent && <span className="tag urgent-tag">Urgent</span>}
      </div>
      <div className="markdown pin-text" dangerouslySetInnerHTML={{ __html: html }} />
      <p className="muted small pin-by">
        Pinned by {isolate(nameOf(pin.pinnedBy) ?? '…')}, {when(pin.pinnedAt)}
      </p>
      <div className="pin-actions">
        <button type="button" className="secondary" onClick={onOpen}>
          Go to message<span className="visually-hidden"> by {author}</span>
        </button>
        <button type="button" className="secondary" onClick={onUnpin}>
          Unpin<span className="visually-hidden"> message by {author}</span>
        </button>
      </div>
    </li>
  );
}
