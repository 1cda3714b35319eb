/** The answer of GET /api/v1/search (issue 16's contract; docs/api/openapi.json once the server lands). */
import type { ConversationKind } from '../../types';

export interface MessageHit {
  id: string;
  conversationId: string;
  conversationName?: string | null;
  conversationKind: ConversationKind;
  teamId?: string | null;
  teamName?: string | null;
  seq: number;
  threadRootId?: string | null;
  authorId: string;
  authorName?: string | null;
  text: string;
  createdAt: string;
  editedAt?: string | null;
  hasFiles?: boolean;
  files?: { id: string; name: string; contentType: string }[];
}

export interface PersonHit {
  id: string;
  displayName: string;
  jobTitle?: string | null;
  organisationName?: string | null;
}

export interface ConversationHit {
  id: string;
  kind: ConversationKind;
  name?: string | null;
  teamId?: string | null;
  teamName?: string | null;
}

export interface TeamHit {
  id: string;
  name: string;
}

export interface FileHit {
  id: string;
  name: string;
  contentType: string;
  size: number;
  conversationId: string;
  messageId: string;
  createdAt: string;
}

export interface SearchAnswer {
  messages?: MessageHit[];
  nextCursor?: string | null;
  people?: PersonHit[];
  conversations?: ConversationHit[];
  teams?: TeamHit[];
  files?: FileHit[];
}

export type DateRange = 'any' | 'today' | 'week' | 'custom';

/** The filters under the search box. `from` keeps the name to show it; only the id is sent. */
export interface SearchFilters {
  /** A conversation id: messages and files only from it. */
  in?: string;
  from?: { id: string; name: string };
  range: DateRange;
  /** Custom range: local calendar dates, YYYY-MM-DD (from <input type="date">). */
  fromDate?: string;
  toDate?: string;
  hasFile: boolean;
  mentionsMe: boolean;
}

export const NO_FILTERS: SearchFilters = { range: 'any', hasFile: false, mentionsMe: false };
