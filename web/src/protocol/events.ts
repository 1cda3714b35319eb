/**
 * What the server sends on the stream (docs/protocol.md, section 3), one union member per
 * conversation event kind, per user event kind and per frame type. The server's Java records
 * are the other half of this contract: events.check.ts fails the build when the two name
 * different kinds (through events.generated.ts, which a server test writes).
 *
 * The server leaves out absent values (Jackson NON_ABSENT), so a nullable member is optional
 * here; `presence` is the exception, its `note` and `lastActiveAt` are always sent.
 *
 * Adding a kind: one member here and one case in dispatch.ts (with the server's record, whose
 * test regenerates events.generated.ts). Nothing else is required; the stores that care
 * register for it.
 */
import type { ConversationKind, MessageFile, Reaction } from '../types';
import type {
  CallAdmissionFrame,
  CallLobbyFrame,
  CallMedia,
  CallRingFrame,
  CallRingStoppedFrame,
  CallRosterFrame,
  CallSignalFrame,
  CallTopology,
} from './callFrames';
import type { CommandReplied, MessageCard, MessageCardUpdated, ServiceRequestUpdated } from './integrationEvents';
import type { MessageFilesUpdated } from './fileEvents';
import type { MeetingCancelled, MeetingInvited, MeetingUpdated } from './meetingEvents';

export type * from './callFrames';
export type * from './integrationEvents';
export type * from './meetingEvents';

export type PresenceStatus = 'available' | 'busy' | 'dnd' | 'away' | 'offline';

/** A message as events carry it (section 2); history answers add `reactions` and `replyCount`. */
export interface MessageView {
  id: string;
  conversationId: string;
  seq: number;
  authorId: string;
  clientMsgId: string;
  threadRootId?: string;
  /** Absent once the message is deleted (a tombstone). */
  text?: string;
  urgent: boolean;
  mentions: string[];
  mentionsChannel: boolean;
  createdAt: string;
  editedAt?: string;
  deletedAt?: string;
  reactions?: Reaction[];
  replyCount?: number;
  /** A bot message's structured part; its strings are plain text, never HTML. */
  card?: MessageCard;
  /** Files shared with the message (issue 16); absent when none. */
  files?: MessageFile[];
}


export interface ConversationView {
  id: string;
  kind: ConversationKind;
  teamId?: string;
  name?: string;
  visibility?: 'standard' | 'private';
  lastSeq: number;
  archived: boolean;
  createdAt: string;
}

// ---- conversation events (frame `event`, numbered by seq per conversation) ----

export interface MessagePosted {
  kind: 'message.posted';
  message: MessageView;
}

export interface MessageEdited {
  kind: 'message.edited';
  /** The whole message after the edit; reactions are not carried. */
  message: MessageView;
}


export interface MessageDeleted {
  kind: 'message.deleted';
  messageId: string;
  by: string;
}

export interface ReactionAdded {
  kind: 'reaction.added';
  messageId: string;
  userId: string;
  emoji: string;
}

export interface ReactionRemoved {
  kind: 'reaction.removed';
  messageId: string;
  userId: string;
  emoji: string;
}

export interface MessageAcknowledged {
  kind: 'message.acknowledged';
  messageId: string;
  userId: string;
  acknowledgedAt: string;
}

export interface ConversationCreated {
  kind: 'conversation.created';
  conversation: ConversationView;
  memberIds: string[];
  by: string;
}

export interface ConversationRenamed {
  kind: 'conversation.renamed';
  name: string;
  by: string;
}

export interface ConversationArchived {
  kind: 'conversation.archived';
  by: string;
}

export interface MemberAdded {
  kind: 'member.added';
  userId: string;
  by: string;
}

export interface MemberRemoved {
  kind: 'member.removed';
  userId: string;
  by: string;
}

/** A member pinned a message for everyone in the conversation. */
export interface MessagePinned {
  kind: 'message.pinned';
  messageId: string;
  by: string;
  pinnedAt: string;
}

export interface MessageUnpinned {
  kind: 'message.unpinned';
  messageId: string;
  by: string;
}

/** A call started in the conversation; `meetingId` is set for a scheduled meeting's call. */
export interface CallStarted {
  kind: 'call.started';
  callId: string;
  by: string;
  media: CallMedia;
  topology: CallTopology;
  meetingId?: string;
}

/** The call ended: the last participant left; `participants` are everyone who joined. */
export interface CallEnded {
  kind: 'call.ended';
  callId: string;
  startedAt: string;
  endedAt: string;
  participants: string[];
}

/** A direct or group call these people were rung for and never answered. */
export interface CallMissed {
  kind: 'call.missed';
  callId: string;
  caller: string;
  missedBy: string[];
}

export type ConversationEvent =
  | MessagePosted
  | MessageEdited
  | MessageCardUpdated
  | MessageFilesUpdated
  | MessageDeleted
  | ReactionAdded
  | ReactionRemoved
  | MessageAcknowledged
  | ConversationCreated
  | ConversationRenamed
  | ConversationArchived
  | MemberAdded
  | MemberRemoved
  | MessagePinned
  | MessageUnpinned
  | CallStarted
  | CallEnded
  | CallMissed;

export type ConversationEventKind = ConversationEvent['kind'];
export type ConversationEventOf<K extends ConversationEventKind> = Extract<ConversationEvent, { kind: K }>;

// ---- user events (frame `user-event`, numbered by userSeq per person) ----

export interface ConversationAdded {
  kind: 'conversation.added';
  conversation: ConversationView;
}

export interface ConversationRemoved {
  kind: 'conversation.removed';
  conversationId: string;
}

export interface MessageUrgent {
  kind: 'message.urgent';
  conversationId: string;
  messageId: string;
  /** 1 for the notice sent with the post, then 2 … 11 for the reminders. */
  attempt: number;
}

export interface ReadMoved {
  kind: 'read.moved';
  conversationId: string;
  readSeq: number;
}

/** A person's own settings of the web client (GET/PATCH /api/v1/me/preferences). */
export interface Preferences {
  desktopNotifications: boolean;
  messageSound: boolean;
  urgentSound: boolean;
  mutedConversations: string[];
  theme: 'system' | 'light' | 'dark' | 'contrast';
  timeFormat: '24h' | '12h';
}

/** Their settings, as they now are, changed on one of their devices. */
export interface PreferencesChanged {
  kind: 'preferences.changed';
  preferences: Preferences;
}

/** They saved a message for later (private to them), on one of their devices. */
export interface MessageSaved {
  kind: 'message.saved';
  conversationId: string;
  messageId: string;
  savedAt: string;
}

export interface MessageUnsaved {
  kind: 'message.unsaved';
  conversationId: string;
  messageId: string;
}

export type UserEvent =
  | ConversationAdded
  | ConversationRemoved
  | MessageUrgent
  | ReadMoved
  | PreferencesChanged
  | MessageSaved
  | MessageUnsaved
  | MeetingInvited
  | MeetingUpdated
  | MeetingCancelled
  | CommandReplied
  | ServiceRequestUpdated;

export type UserEventKind = UserEvent['kind'];
export type UserEventOf<K extends UserEventKind> = Extract<UserEvent, { kind: K }>;

// ---- frames, server to client ----

export interface ReadyFrame {
  type: 'ready';
  replayed: number;
}

export interface ErrorFrame {
  type: 'error';
  code: string;
  message: string;
  conversationId?: string;
}

export interface ResyncRequiredFrame {
  type: 'resync-required';
  conversationId: string;
  fromSeq: number;
  lastSeq: number;
}

export interface UserResyncRequiredFrame {
  type: 'user-resync-required';
  fromUserSeq: number;
  lastUserSeq: number;
}

export interface NotAMemberFrame {
  type: 'not-a-member';
  conversationId: string;
}

export interface PongFrame {
  type: 'pong';
}

export interface TypingFrame {
  type: 'typing';
  conversationId: string;
  userId: string;
}

export interface ReadFrame {
  type: 'read';
  conversationId: string;
  userId: string;
  readSeq: number;
}

export interface PresenceFrame {
  type: 'presence';
  userId: string;
  status: PresenceStatus;
  note: string | null;
  lastActiveAt: string | null;
  /** When the chosen status and note revert to automatic; null: until changed. */
  until: string | null;
  /** In a call now (docs/calls-and-meetings.md); absent from servers that predate calls. */
  inCall?: boolean;
}

export interface EventFrame {
  type: 'event';
  conversationId: string;
  seq: number;
  event: ConversationEvent;
}

export interface UserEventFrame {
  type: 'user-event';
  userSeq: number;
  event: UserEvent;
}

export type ServerFrame =
  | ReadyFrame
  | ErrorFrame
  | ResyncRequiredFrame
  | UserResyncRequiredFrame
  | NotAMemberFrame
  | PongFrame
  | TypingFrame
  | ReadFrame
  | PresenceFrame
  | CallRingFrame
  | CallRingStoppedFrame
  | CallRosterFrame
  | CallSignalFrame
  | CallLobbyFrame
  | CallAdmissionFrame
  | EventFrame
  | UserEventFrame;

export type ServerFrameType = ServerFrame['type'];
export type FrameOf<T extends ServerFrameType> = Extract<ServerFrame, { type: T }>;
