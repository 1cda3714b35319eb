// Generated from the Java event and frame records by org.confer.events.EventCatalogueTest; do not edit.
// Regenerate: ./mvnw -q -pl server test -Dtest=EventCatalogueTest -Dconfer.events.write=true
import type { ConversationEvent, ServerFrame, UserEvent } from './events';

export const conversationEventKinds = ["conversation.archived", "conversation.created", "conversation.renamed", "member.added", "member.removed", "message.acknowledged", "message.deleted", "message.edited", "message.pinned", "message.posted", "message.unpinned", "reaction.added", "reaction.removed"] as const;
export const userEventKinds = ["conversation.added", "conversation.removed", "message.saved", "message.unsaved", "message.urgent", "preferences.changed", "read.moved"] as const;
export const serverFrameTypes = ["error", "event", "not-a-member", "pong", "presence", "read", "ready", "resync-required", "typing", "user-event", "user-resync-required"] as const;


export const conversationEventExamples: ConversationEvent[] = [
  {"kind":"conversation.archived","by":"00000000-0000-4000-8000-000000000001"},
  {"kind":"conversation.created","conversation":{"id":"00000000-0000-4000-8000-000000000002","kind":"channel","teamId":"00000000-0000-4000-8000-000000000003","name":"example","visibility":"standard","lastSeq":1,"archived":true,"createdAt":"2026-01-02T03:04:05Z"},"memberIds":["00000000-0000-4000-8000-000000000004"],"by":"00000000-0000-4000-8000-000000000005"},
  {"kind":"conversation.renamed","name":"example","by":"00000000-0000-4000-8000-000000000006"},
  {"kind":"member.added","userId":"00000000-0000-4000-8000-000000000007","by":"00000000-0000-4000-8000-000000000008"},
  {"kind":"member.removed","userId":"00000000-0000-4000-8000-000000000009","by":"00000000-0000-4000-8000-000000000010"},
  {"kind":"message.acknowledged","messageId":"00000000-0000-4000-8000-000000000011","userId":"00000000-0000-4000-8000-000000000012","acknowledgedAt":"2026-01-02T03:04:05Z"},
  {"kind":"message.deleted","messageId":"00000000-0000-4000-8000-000000000013","by":"00000000-0000-4000-8000-000000000014"},
  {"kind":"message.edited","message":{"id":"00000000-0000-4000-8000-000000000015","conversationId":"00000000-0000-4000-8000-000000000016","seq":2,"authorId":"00000000-0000-4000-8000-000000000017","clientMsgId":"example","threadRootId":"00000000-0000-4000-8000-000000000018","text":"example","urgent":true,"mentions":["00000000-0000-4000-8000-000000000019"],"mentionsChannel":true,"createdAt":"2026-01-02T03:04:05Z","editedAt":"2026-01-02T03:04:05Z","deletedAt":"2026-01-02T03:04:05Z"}},
  {"kind":"message.pinned","messageId":"00000000-0000-4000-8000-000000000020","by":"00000000-0000-4000-8000-000000000021","pinnedAt":"2026-01-02T03:04:05Z"},
  {"kind":"message.posted","message":{"id":"00000000-0000-4000-8000-000000000022","conversationId":"00000000-0000-4000-8000-000000000023","seq":3,"authorId":"00000000-0000-4000-8000-000000000024","clientMsgId":"example","threadRootId":"00000000-0000-4000-8000-000000000025","text":"example","urgent":true,"mentions":["00000000-0000-4000-8000-000000000026"],"mentionsChannel":true,"createdAt":"2026-01-02T03:04:05Z","editedAt":"2026-01-02T03:04:05Z","deletedAt":"2026-01-02T03:04:05Z"}},
  {"kind":"message.unpinned","messageId":"00000000-0000-4000-8000-000000000027","by":"00000000-0000-4000-8000-000000000028"},
  {"kind":"reaction.added","messageId":"00000000-0000-4000-8000-000000000029","userId":"00000000-0000-4000-8000-000000000030","emoji":"👍"},
  {"kind":"reaction.removed","messageId":"00000000-0000-4000-8000-000000000031","userId":"00000000-0000-4000-8000-000000000032","emoji":"👍"},
];

export const userEventExamples: UserEvent[] = [
  {"kind":"conversation.added","conversation":{"id":"00000000-0000-4000-8000-000000000001","kind":"channel","teamId":"00000000-0000-4000-8000-000000000002","name":"example","visibility":"standard","lastSeq":1,"archived":true,"createdAt":"2026-01-02T03:04:05Z"}},
  {"kind":"conversation.removed","conversationId":"00000000-0000-4000-8000-000000000003"},
  {"kind":"message.saved","conversationId":"00000000-0000-4000-8000-000000000004","messageId":"00000000-0000-4000-8000-000000000005","savedAt":"2026-01-02T03:04:05Z"},
  {"kind":"message.unsaved","conversationId":"00000000-0000-4000-8000-000000000006","messageId":"00000000-0000-4000-8000-000000000007"},
  {"kind":"message.urgent","conversationId":"00000000-0000-4000-8000-000000000008","messageId":"00000000-0000-4000-8000-000000000009","attempt":2},
  {"kind":"preferences.changed","preferences":{"desktopNotifications":true,"messageSound":true,"urgentSound":true,"mutedConversations":["00000000-0000-4000-8000-000000000010"],"theme":"dark","timeFormat":"24h"}},
  {"kind":"read.moved","conversationId":"00000000-0000-4000-8000-000000000011","readSeq":3},
];

export const serverFrameExamples: ServerFrame[] = [
  {"type":"error","code":"example","message":"example","conversationId":"00000000-0000-4000-8000-000000000001"},
  {"type":"event","conversationId":"00000000-0000-4000-8000-000000000002","seq":1,"event":{"kind":"conversation.archived","by":"00000000-0000-4000-8000-000000000001"}},
  {"type":"not-a-member","conversationId":"00000000-0000-4000-8000-000000000003"},
  {"type":"pong"},
  {"type":"presence","userId":"00000000-0000-4000-8000-000000000004","status":"available","note":"example","lastActiveAt":"2026-01-02T03:04:05Z","until":"2026-01-02T03:04:05Z"},
  {"type":"read","conversationId":"00000000-0000-4000-8000-000000000005","userId":"00000000-0000-4000-8000-000000000006","readSeq":2},
  {"type":"ready","replayed":3},
  {"type":"resync-required","conversationId":"00000000-0000-4000-8000-000000000007","fromSeq":4,"lastSeq":5},
  {"type":"typing","conversationId":"00000000-0000-4000-8000-000000000008","userId":"00000000-0000-4000-8000-000000000009"},
  {"type":"user-event","userSeq":6,"event":{"kind":"conversation.added","conversation":{"id":"00000000-0000-4000-8000-000000000001","kind":"channel","teamId":"00000000-0000-4000-8000-000000000002","name":"example","visibility":"standard","lastSeq":1,"archived":true,"createdAt":"2026-01-02T03:04:05Z"}}},
  {"type":"user-resync-required","fromUserSeq":7,"lastUserSeq":8},
];
