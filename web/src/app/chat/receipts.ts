/**
 * Read receipts ("Seen" in a direct chat, "Seen by …" in a group chat) under the newest of my
 * messages that others have read. Where the others have read to comes from
 * `GET …/read-markers` when the conversation opens (again after every reconnect) and from the
 * stream's `read` frames while it is open (docs/protocol.md 3.5). The server sends neither for
 * channels: how far colleagues have read a team channel is not shown (docs/decisions.md).
 */
import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { Dispatcher } from '../../protocol/dispatch';
import type { ConversationSummary, Message } from '../../types';
import './receipts.css';

/** More names than this become "and N others" (the full list is in the tooltip). */
const NAMES_SHOWN = 3;

export interface SeenLine {
  messageId: string;
  text: string;
  /** Every reader's name, for the tooltip. */
  names: string;
}

/**
 * The receipt to show: under my newest main-pane message (not deleted) that at least one other
 * member has read (`readSeqs[userId] >= seq`), naming those who have. Null when none has been
 * read, and always in a channel. `messages` oldest first.
 */
export function seenLine(
  conversation: Pick<ConversationSummary, 'kind' | 'memberIds'>,
  messages: Message[],
  readSeqs: Record<string, number>,
  meId: string,
  nameOf: (id: string) => string,
): SeenLine | null {
  if (conversation.kind === 'channel') return null;
  const others = conversation.memberIds.filter((id) => id !== meId);
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.authorId !== meId || m.threadRootId || m.deletedAt) continue;
    const readers = others.filter((id) => (readSeqs[id] ?? -1) >= m.seq);
    if (readers.length === 0) continue;
    const names = readers.map(nameOf);
    let text: string;
    if (conversation.kind === 'direct') text = 'Seen';
    else if (readers.length === others.length && others.length > 1) text = 'Seen by everyone';
    else if (names.length <= NAMES_SHOWN) text = `Seen by ${names.join(', ')}`;
    else {
      const rest = names.length - NAMES_SHOWN;
      text = `Seen by ${names.slice(0, NAMES_SHOWN).join(', ')} and ${rest} ${rest === 1 ? 'other' : 'others'}`;
    }
    return { messageId: m.id, text, names: names.join(', ') };
  }
  return null;
}

/** Folds a marker in; markers only move forward (a late frame or answer never takes one back). */
export function withMarker(readSeqs: Record<string, number>, userId: string, seq: number): Record<string, number> {
  return (readSeqs[userId] ?? -1) >= seq ? readSeqs : { ...readSeqs, [userId]: seq };
}

/** The open conversation's read markers, kept live while it is on screen. */
export function useReadMarkers(dispatcher: Dispatcher, conversation: ConversationSummary): Record<string, number> {
  const [readSeqs, setReadSeqs] = useState<Record<string, number>>({});
  const id = conversation.id;
  const wanted = conversation.kind !== 'channel';
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    const load = () =>
      api.readMarkers(id).then(
        (fetched) =>
          live && setReadSeqs((now) => Object.entries(fetched).reduce((acc, [user, seq]) => withMarker(acc, user, seq), now)),
        () => {},
      );
    void load();
    const offRead = dispatcher.onFrame('read', (f) => {
      if (f.conversationId === id) setReadSeqs((now) => withMarker(now, f.userId, f.readSeq));
    });
    // Frames sent while the stream was down are gone: read the markers again on reconnecting.
    const offReady = dispatcher.onFrame('ready', () => void load());
    return () => {
      live = false;
      offRead();
      offReady();
    };
  }, [dispatcher, id, wanted]);
  return readSeqs;
}
