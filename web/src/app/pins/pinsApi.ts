/** REST calls of pinned and saved messages (docs/api/openapi.json, tag "pins"). */
import { request } from '../../api';
import type { EventItem } from '../../protocol/sequencer';
import type { Message } from '../../types';

/** A message as the pinned and saved lists show it (its current text; none once deleted). */
export interface PinnedMessage {
  id: string;
  conversationId: string;
  seq: number;
  authorId: string;
  threadRootId?: string | null;
  text?: string | null;
  urgent: boolean;
  createdAt: string;
  editedAt?: string | null;
  deletedAt?: string | null;
}

export interface Pin {
  messageId: string;
  pinnedBy: string;
  pinnedAt: string;
  message: PinnedMessage;
}

export interface SavedItem {
  conversationId: string;
  messageId: string;
  savedAt: string;
  message: PinnedMessage;
}

/** A page of history with the membership and name changes among its messages. */
export interface HistoryPage {
  items: Message[];
  events: EventItem[];
}

const msg = (c: string, m: string) => `/api/v1/conversations/${encodeURIComponent(c)}/messages/${encodeURIComponent(m)}`;

export const pinsApi = {
  pins: (conversationId: string) =>
    request<{ items: Pin[] }>('GET', `/api/v1/conversations/${encodeURIComponent(conversationId)}/pins`).then((r) => r.items),
  pin: (conversationId: string, messageId: string) => request<void>('POST', `${msg(conversationId, messageId)}/pin`),
  unpin: (conversationId: string, messageId: string) => request<void>('DELETE', `${msg(conversationId, messageId)}/pin`),
  saved: () => request<{ items: SavedItem[] }>('GET', '/api/v1/me/saved').then((r) => r.items),
  save: (conversationId: string, messageId: string) => request<void>('POST', `${msg(conversationId, messageId)}/save`),
  unsave: (conversationId: string, messageId: string) => request<void>('DELETE', `${msg(conversationId, messageId)}/save`),
  history: (conversationId: string, before: number | undefined, limit: number) => {
    const q = new URLSearchParams({ limit: String(limit) });
    if (before !== undefined) q.set('before', String(before));
    return request<HistoryPage>('GET', `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages?${q}`).then((r) => ({
      items: r.items,
      events: r.events ?? [],
    }));
  },
};

export type PinsRemote = Pick<typeof pinsApi, 'pins' | 'pin' | 'unpin'>;
export type SavedRemote = Pick<typeof pinsApi, 'saved' | 'save' | 'unsave'>;
