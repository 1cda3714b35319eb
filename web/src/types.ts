/** Shapes of the Confer REST API and stream (docs/protocol.md, docs/api/openapi.json). */
import type { MessageCard } from './protocol/events';

export interface Organisation {
  id: string;
  code: string;
  name: string;
}

export interface Me {
  id: string;
  email: string;
  displayName: string;
  jobTitle?: string;
  department?: string;
  role?: string;
  organisation: Organisation;
}

export interface Profile {
  id: string;
  email?: string;
  displayName: string;
  jobTitle?: string;
  department?: string;
  status?: string;
  organisation?: Organisation;
  /** A bot account (docs/bots-and-results.md): shown with the BOT badge; no person has it. */
  bot?: boolean;
}

export type ConversationKind = 'channel' | 'group' | 'direct';

export interface ConversationSummary {
  id: string;
  kind: ConversationKind;
  teamId?: string;
  name?: string;
  visibility?: string;
  lastSeq: number;
  readSeq: number;
  unreadCount: number;
  mentionCount: number;
  archived: boolean;
  memberIds: string[];
  /** Who started it; in a group chat the only person who may remove others. */
  createdBy?: string;
}

export interface Reaction {
  emoji: string;
  count: number;
  userIds: string[];
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  authorId: string;
  clientMsgId?: string;
  threadRootId?: string | null;
  text?: string;
  urgent?: boolean;
  mentions?: string[];
  mentionsChannel?: boolean;
  createdAt: string;
  editedAt?: string;
  deletedAt?: string;
  reactions?: Reaction[];
  replyCount?: number;
  /** A bot message's card; every string in it is plain text. */
  card?: MessageCard;
  /** Files shared with the message (issue 16); absent when none. */
  files?: MessageFile[];
}

// ---- files (issue 16; docs/files.md) ----

/** What a file is while and after the server checks it for viruses. */
export type FileStatus = 'scanning' | 'ready' | 'infected';

/** A file as a message carries it (history, the send answer and the message events' snapshot). */
export interface MessageFile {
  id: string;
  name: string;
  /** Sniffed from the content by the server, never the name's. */
  contentType: string;
  size: number;
  status: FileStatus;
  width?: number | null;
  height?: number | null;
  /** A thumbnail exists (GET /api/v1/files/{id}/thumbnail). */
  thumbnail?: boolean;
}

/** GET /api/v1/files/{id}, and the answer to the chunk that completes an upload. */
export interface FileView extends MessageFile {
  sha256?: string;
  createdAt: string;
  uploaderId: string;
}

/** A row of a conversation's or team's Files list. */
export interface SharedFile extends FileView {
  messageId: string;
  authorId: string;
  sharedAt: string;
  /** In a team's list, the channel it was shared in (when the server says). */
  conversationId?: string;
}

/** POST /api/v1/uploads (201) and GET /api/v1/uploads/{id} (without chunkBytes and expiresAt). */
export interface UploadSession {
  id: string;
  offset: number;
  size: number;
  chunkBytes?: number;
  expiresAt?: string;
}

// ---- teams, channels and group chats (web/src/app/teams) ----

export type TeamRole = 'owner' | 'member';

/** A team the caller belongs to (GET /api/v1/teams). */
export interface Team {
  id: string;
  name: string;
  description?: string | null;
  myRole: TeamRole;
  createdAt: string;
}

export interface TeamMember {
  userId: string;
  role: TeamRole;
}

/** GET /api/v1/conversations/{id} and the answer to starting a chat: the conversation with every member. */
export interface ConversationDetail {
  id: string;
  kind: ConversationKind;
  teamId?: string | null;
  name?: string | null;
  visibility?: string | null;
  lastSeq: number;
  archived: boolean;
  memberIds: string[];
  createdBy?: string;
}
