// Generated from the Java event and frame records by org.confer.events.EventCatalogueTest; do not edit.
// Regenerate: ./mvnw -q -pl server test -Dtest=EventCatalogueTest -Dconfer.events.write=true
import type { ConversationEvent, ServerFrame, UserEvent } from './events';

export const conversationEventKinds = ["conversation.archived", "conversation.created", "conversation.renamed", "member.added", "member.removed", "message.acknowledged", "message.deleted", "message.edited", "message.posted", "reaction.added", "reaction.removed"] as const;
export const userEventKinds = ["conversation.added", "conversation.removed", "message.urgent", "read.moved"] as const;
export const serverFrameTypes = ["error", "event", "not-a-member", "pong", "presence", "read", "ready", "resync-required", "typing", "user-event", "user-resync-required"] as const;

export const conversationEventExamples: ConversationEvent[] = [
  {"kind": "conversation.archived", "by": "00000000-0000-4000-8000-000000000002"},
  {"kind": "conversation.created", "conversation": {"id": "00000000-0000-4000-8000-000000000001", "kind": "channel", "teamId": "00000000-0000-4000-8000-000000000006", "name": "Ward 7", "visibility": "private", "lastSeq": 2, "archived": false, "createdAt": "2026-01-02T03:04:05Z"}, "memberIds": ["00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000005"], "by": "00000000-0000-4000-8000-000000000002"},
  {"kind": "conversation.renamed", "name": "Ward 7 handover", "by": "00000000-0000-4000-8000-000000000002"},
  {"kind": "member.added", "userId": "00000000-0000-4000-8000-000000000005", "by": "00000000-0000-4000-8000-000000000002"},
  {"kind": "member.removed", "userId": "00000000-0000-4000-8000-000000000005", "by": "00000000-0000-4000-8000-000000000002"},
  {"kind": "message.acknowledged", "messageId": "00000000-0000-4000-8000-000000000003", "userId": "00000000-0000-4000-8000-000000000005", "acknowledgedAt": "2026-01-02T03:04:05Z"},
  {"kind": "message.deleted", "messageId": "00000000-0000-4000-8000-000000000003", "by": "00000000-0000-4000-8000-000000000002"},
  {"kind": "message.edited", "message": {"id": "00000000-0000-4000-8000-000000000003", "conversationId": "00000000-0000-4000-8000-000000000001", "seq": 2, "authorId": "00000000-0000-4000-8000-000000000002", "clientMsgId": "client-msg-1", "threadRootId": "00000000-0000-4000-8000-000000000004", "text": "Bed 4 obs are due", "urgent": true, "mentions": ["00000000-0000-4000-8000-000000000005"], "mentionsChannel": true, "createdAt": "2026-01-02T03:04:05Z", "editedAt": "2026-01-02T03:04:05Z", "deletedAt": "2026-01-02T03:04:05Z", "reactions": [{"emoji": "👍", "count": 1, "userIds": ["00000000-0000-4000-8000-000000000005"]}], "replyCount": 1}},
  {"kind": "message.posted", "message": {"id": "00000000-0000-4000-8000-000000000003", "conversationId": "00000000-0000-4000-8000-000000000001", "seq": 2, "authorId": "00000000-0000-4000-8000-000000000002", "clientMsgId": "client-msg-1", "threadRootId": "00000000-0000-4000-8000-000000000004", "text": "Bed 4 obs are due", "urgent": true, "mentions": ["00000000-0000-4000-8000-000000000005"], "mentionsChannel": true, "createdAt": "2026-01-02T03:04:05Z", "editedAt": "2026-01-02T03:04:05Z", "deletedAt": "2026-01-02T03:04:05Z", "reactions": [{"emoji": "👍", "count": 1, "userIds": ["00000000-0000-4000-8000-000000000005"]}], "replyCount": 1}},
  {"kind": "reaction.added", "messageId": "00000000-0000-4000-8000-000000000003", "userId": "00000000-0000-4000-8000-000000000005", "emoji": "👍"},
  {"kind": "reaction.removed", "messageId": "00000000-0000-4000-8000-000000000003", "userId": "00000000-0000-4000-8000-000000000005", "emoji": "👍"},
];
export const userEventExamples: UserEvent[] = [
  {"kind": "conversation.added", "conversation": {"id": "00000000-0000-4000-8000-000000000001", "kind": "channel", "teamId": "00000000-0000-4000-8000-000000000006", "name": "Ward 7", "visibility": "private", "lastSeq": 2, "archived": false, "createdAt": "2026-01-02T03:04:05Z"}},
  {"kind": "conversation.removed", "conversationId": "00000000-0000-4000-8000-000000000001"},
  {"kind": "message.urgent", "conversationId": "00000000-0000-4000-8000-000000000001", "messageId": "00000000-0000-4000-8000-000000000003", "attempt": 2},
  {"kind": "read.moved", "conversationId": "00000000-0000-4000-8000-000000000001", "readSeq": 2},
];
export const serverFrameExamples: ServerFrame[] = [
  {"type": "error", "code": "not-a-member", "message": "Not a member of this conversation", "conversationId": "00000000-0000-4000-8000-000000000001"},
  {"type": "event", "conversationId": "00000000-0000-4000-8000-000000000001", "seq": 2, "event": {"kind": "message.posted", "message": {"id": "00000000-0000-4000-8000-000000000003", "conversationId": "00000000-0000-4000-8000-000000000001", "seq": 2, "authorId": "00000000-0000-4000-8000-000000000002", "clientMsgId": "client-msg-1", "threadRootId": "00000000-0000-4000-8000-000000000004", "text": "Bed 4 obs are due", "urgent": true, "mentions": ["00000000-0000-4000-8000-000000000005"], "mentionsChannel": true, "createdAt": "2026-01-02T03:04:05Z", "editedAt": "2026-01-02T03:04:05Z", "deletedAt": "2026-01-02T03:04:05Z", "reactions": [{"emoji": "👍", "count": 1, "userIds": ["00000000-0000-4000-8000-000000000005"]}], "replyCount": 1}}},
  {"type": "not-a-member", "conversationId": "00000000-0000-4000-8000-000000000001"},
  {"type": "pong"},
  {"type": "presence", "userId": "00000000-0000-4000-8000-000000000005", "status": "busy", "note": "In theatre until 3pm", "lastActiveAt": "2026-01-02T03:04:05Z"},
  {"type": "read", "conversationId": "00000000-0000-4000-8000-000000000001", "userId": "00000000-0000-4000-8000-000000000005", "readSeq": 2},
  {"type": "ready", "replayed": 3},
  {"type": "resync-required", "conversationId": "00000000-0000-4000-8000-000000000001", "fromSeq": 3, "lastSeq": 25100},
  {"type": "typing", "conversationId": "00000000-0000-4000-8000-000000000001", "userId": "00000000-0000-4000-8000-000000000005"},
  {"type": "user-event", "userSeq": 7, "event": {"kind": "read.moved", "conversationId": "00000000-0000-4000-8000-000000000001", "readSeq": 2}},
  {"type": "user-resync-required", "fromUserSeq": 1000000, "lastUserSeq": 7},
];
