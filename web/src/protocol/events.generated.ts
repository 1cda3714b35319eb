// Generated from the Java event and frame records by org.confer.events.EventCatalogueTest; do not edit.
// Regenerate: ./mvnw -q -pl server test -Dtest=EventCatalogueTest -Dconfer.events.write=true
import type { ConversationEvent, ServerFrame, UserEvent } from './events';

export const conversationEventKinds = ["call.ended", "call.missed", "call.started", "conversation.archived", "conversation.created", "conversation.renamed", "member.added", "member.removed", "message.acknowledged", "message.card-updated", "message.deleted", "message.edited", "message.files-updated", "message.pinned", "message.posted", "message.unpinned", "reaction.added", "reaction.removed"] as const;
export const userEventKinds = ["command.replied", "conversation.added", "conversation.removed", "meeting.cancelled", "meeting.invited", "meeting.updated", "message.saved", "message.unsaved", "message.urgent", "preferences.changed", "read.moved", "request.updated"] as const;
export const serverFrameTypes = ["call.admission", "call.lobby", "call.ring", "call.ring-stopped", "call.roster", "call.signal", "error", "event", "not-a-member", "pong", "presence", "read", "ready", "resync-required", "typing", "user-event", "user-resync-required"] as const;


export const conversationEventExamples: ConversationEvent[] = [
  {"kind":"call.ended","callId":"00000000-0000-4000-8000-000000000001","startedAt":"2026-01-02T03:04:05Z","endedAt":"2026-01-02T03:04:05Z","participants":["00000000-0000-4000-8000-000000000002"]},
  {"kind":"call.missed","callId":"00000000-0000-4000-8000-000000000003","caller":"00000000-0000-4000-8000-000000000004","missedBy":["00000000-0000-4000-8000-000000000005"]},
  {"kind":"call.started","callId":"00000000-0000-4000-8000-000000000006","by":"00000000-0000-4000-8000-000000000007","media":"video","topology":"mesh","meetingId":"00000000-0000-4000-8000-000000000008"},
  {"kind":"conversation.archived","by":"00000000-0000-4000-8000-000000000009"},
  {"kind":"conversation.created","conversation":{"id":"00000000-0000-4000-8000-000000000010","kind":"channel","teamId":"00000000-0000-4000-8000-000000000011","name":"example","visibility":"standard","lastSeq":1,"archived":true,"createdAt":"2026-01-02T03:04:05Z"},"memberIds":["00000000-0000-4000-8000-000000000012"],"by":"00000000-0000-4000-8000-000000000013"},
  {"kind":"conversation.renamed","name":"example","by":"00000000-0000-4000-8000-000000000014"},
  {"kind":"member.added","userId":"00000000-0000-4000-8000-000000000015","by":"00000000-0000-4000-8000-000000000016"},
  {"kind":"member.removed","userId":"00000000-0000-4000-8000-000000000017","by":"00000000-0000-4000-8000-000000000018"},
  {"kind":"message.acknowledged","messageId":"00000000-0000-4000-8000-000000000019","userId":"00000000-0000-4000-8000-000000000020","acknowledgedAt":"2026-01-02T03:04:05Z"},
  {"kind":"message.card-updated","messageId":"00000000-0000-4000-8000-000000000021","card":{"title":"example","severity":"critical","fields":[{"label":"example","value":"example"}],"actions":[{"id":"example","label":"example","style":"primary"}],"footer":"example","link":"example"},"by":"00000000-0000-4000-8000-000000000022"},
  {"kind":"message.deleted","messageId":"00000000-0000-4000-8000-000000000023","by":"00000000-0000-4000-8000-000000000024"},
  {"kind":"message.edited","message":{"id":"00000000-0000-4000-8000-000000000025","conversationId":"00000000-0000-4000-8000-000000000026","seq":2,"authorId":"00000000-0000-4000-8000-000000000027","clientMsgId":"example","threadRootId":"00000000-0000-4000-8000-000000000028","text":"example","urgent":true,"mentions":["00000000-0000-4000-8000-000000000029"],"mentionsChannel":true,"createdAt":"2026-01-02T03:04:05Z","editedAt":"2026-01-02T03:04:05Z","deletedAt":"2026-01-02T03:04:05Z","card":{"title":"example","severity":"critical","fields":[{"label":"example","value":"example"}],"actions":[{"id":"example","label":"example","style":"primary"}],"footer":"example","link":"example"},"files":[{"id":"00000000-0000-4000-8000-000000000030","name":"example","contentType":"example","size":3,"status":"ready","width":4,"height":5,"thumbnail":true}]}},
  {"kind":"message.files-updated","messageId":"00000000-0000-4000-8000-000000000031","files":[{"id":"00000000-0000-4000-8000-000000000032","name":"example","contentType":"example","size":6,"status":"ready","width":7,"height":8,"thumbnail":true}]},
  {"kind":"message.pinned","messageId":"00000000-0000-4000-8000-000000000033","by":"00000000-0000-4000-8000-000000000034","pinnedAt":"2026-01-02T03:04:05Z"},
  {"kind":"message.posted","message":{"id":"00000000-0000-4000-8000-000000000035","conversationId":"00000000-0000-4000-8000-000000000036","seq":9,"authorId":"00000000-0000-4000-8000-000000000037","clientMsgId":"example","threadRootId":"00000000-0000-4000-8000-000000000038","text":"example","urgent":true,"mentions":["00000000-0000-4000-8000-000000000039"],"mentionsChannel":true,"createdAt":"2026-01-02T03:04:05Z","editedAt":"2026-01-02T03:04:05Z","deletedAt":"2026-01-02T03:04:05Z","card":{"title":"example","severity":"critical","fields":[{"label":"example","value":"example"}],"actions":[{"id":"example","label":"example","style":"primary"}],"footer":"example","link":"example"},"files":[{"id":"00000000-0000-4000-8000-000000000040","name":"example","contentType":"example","size":10,"status":"ready","width":11,"height":12,"thumbnail":true}]}},
  {"kind":"message.unpinned","messageId":"00000000-0000-4000-8000-000000000041","by":"00000000-0000-4000-8000-000000000042"},
  {"kind":"reaction.added","messageId":"00000000-0000-4000-8000-000000000043","userId":"00000000-0000-4000-8000-000000000044","emoji":"👍"},
  {"kind":"reaction.removed","messageId":"00000000-0000-4000-8000-000000000045","userId":"00000000-0000-4000-8000-000000000046","emoji":"👍"},
];

export const userEventExamples: UserEvent[] = [
  {"kind":"command.replied","conversationId":"00000000-0000-4000-8000-000000000001","botId":"00000000-0000-4000-8000-000000000002","command":"example","text":"example","card":{"title":"example","severity":"critical","fields":[{"label":"example","value":"example"}],"actions":[{"id":"example","label":"example","style":"primary"}],"footer":"example","link":"example"}},
  {"kind":"conversation.added","conversation":{"id":"00000000-0000-4000-8000-000000000003","kind":"channel","teamId":"00000000-0000-4000-8000-000000000004","name":"example","visibility":"standard","lastSeq":1,"archived":true,"createdAt":"2026-01-02T03:04:05Z"}},
  {"kind":"conversation.removed","conversationId":"00000000-0000-4000-8000-000000000005"},
  {"kind":"meeting.cancelled","meetingId":"00000000-0000-4000-8000-000000000006","title":"example","by":"00000000-0000-4000-8000-000000000007"},
  {"kind":"meeting.invited","meeting":{"meetingId":"00000000-0000-4000-8000-000000000008","title":"example","organiserId":"00000000-0000-4000-8000-000000000009","conversationId":"00000000-0000-4000-8000-000000000010","startsAt":"2026-01-02T03:04:05Z","endsAt":"2026-01-02T03:04:05Z","timeZone":"example","recurrence":"example","sequence":2},"by":"00000000-0000-4000-8000-000000000011"},
  {"kind":"meeting.updated","meeting":{"meetingId":"00000000-0000-4000-8000-000000000012","title":"example","organiserId":"00000000-0000-4000-8000-000000000013","conversationId":"00000000-0000-4000-8000-000000000014","startsAt":"2026-01-02T03:04:05Z","endsAt":"2026-01-02T03:04:05Z","timeZone":"example","recurrence":"example","sequence":3},"by":"00000000-0000-4000-8000-000000000015"},
  {"kind":"message.saved","conversationId":"00000000-0000-4000-8000-000000000016","messageId":"00000000-0000-4000-8000-000000000017","savedAt":"2026-01-02T03:04:05Z"},
  {"kind":"message.unsaved","conversationId":"00000000-0000-4000-8000-000000000018","messageId":"00000000-0000-4000-8000-000000000019"},
  {"kind":"message.urgent","conversationId":"00000000-0000-4000-8000-000000000020","messageId":"00000000-0000-4000-8000-000000000021","attempt":4},
  {"kind":"preferences.changed","preferences":{"desktopNotifications":true,"messageSound":true,"urgentSound":true,"mutedConversations":["00000000-0000-4000-8000-000000000022"],"theme":"dark","timeFormat":"24h"}},
  {"kind":"read.moved","conversationId":"00000000-0000-4000-8000-000000000023","readSeq":5},
  {"kind":"request.updated","request":{"id":"00000000-0000-4000-8000-000000000024","number":6,"serviceId":"00000000-0000-4000-8000-000000000025","serviceName":"example","status":"claimed","priority":"urgent","location":"example","summary":"example","requesterId":"00000000-0000-4000-8000-000000000026","assigneeId":"00000000-0000-4000-8000-000000000027","createdAt":"2026-01-02T03:04:05Z","dueAt":"2026-01-02T03:04:05Z","updatedAt":"2026-01-02T03:04:05Z","overdue":true}},
];

export const serverFrameExamples: ServerFrame[] = [
  {"type":"call.admission","callId":"00000000-0000-4000-8000-000000000001","state":"admitted"},
  {"type":"call.lobby","callId":"00000000-0000-4000-8000-000000000002","waiting":[{"userId":"00000000-0000-4000-8000-000000000003","since":"2026-01-02T03:04:05Z"}]},
  {"type":"call.ring","callId":"00000000-0000-4000-8000-000000000004","conversationId":"00000000-0000-4000-8000-000000000005","from":"00000000-0000-4000-8000-000000000006","media":"video"},
  {"type":"call.ring-stopped","callId":"00000000-0000-4000-8000-000000000007","reason":"answered"},
  {"type":"call.roster","callId":"00000000-0000-4000-8000-000000000008","conversationId":"00000000-0000-4000-8000-000000000009","topology":"sfu","participants":[{"peerId":"00000000-0000-4000-8000-000000000010","userId":"00000000-0000-4000-8000-000000000011","joinedAt":"2026-01-02T03:04:05Z","muted":true,"camera":true,"screen":true,"hand":true}],"ended":true},
  {"type":"call.signal","callId":"00000000-0000-4000-8000-000000000012","fromPeer":"00000000-0000-4000-8000-000000000013","fromUser":"00000000-0000-4000-8000-000000000014","toPeer":"00000000-0000-4000-8000-000000000015","signal":{"sdp":{"type":"offer","sdp":"v=0"}}},
  {"type":"error","code":"example","message":"example","conversationId":"00000000-0000-4000-8000-000000000016"},
  {"type":"event","conversationId":"00000000-0000-4000-8000-000000000017","seq":1,"event":{"kind":"call.ended","callId":"00000000-0000-4000-8000-000000000001","startedAt":"2026-01-02T03:04:05Z","endedAt":"2026-01-02T03:04:05Z","participants":["00000000-0000-4000-8000-000000000002"]}},
  {"type":"not-a-member","conversationId":"00000000-0000-4000-8000-000000000018"},
  {"type":"pong"},
  {"type":"presence","userId":"00000000-0000-4000-8000-000000000019","status":"available","note":"example","lastActiveAt":"2026-01-02T03:04:05Z","until":"2026-01-02T03:04:05Z","inCall":true},
  {"type":"read","conversationId":"00000000-0000-4000-8000-000000000020","userId":"00000000-0000-4000-8000-000000000021","readSeq":2},
  {"type":"ready","replayed":3},
  {"type":"resync-required","conversationId":"00000000-0000-4000-8000-000000000022","fromSeq":4,"lastSeq":5},
  {"type":"typing","conversationId":"00000000-0000-4000-8000-000000000023","userId":"00000000-0000-4000-8000-000000000024"},
  {"type":"user-event","userSeq":6,"event":{"kind":"command.replied","conversationId":"00000000-0000-4000-8000-000000000001","botId":"00000000-0000-4000-8000-000000000002","command":"example","text":"example","card":{"title":"example","severity":"critical","fields":[{"label":"example","value":"example"}],"actions":[{"id":"example","label":"example","style":"primary"}],"footer":"example","link":"example"}}},
  {"type":"user-resync-required","fromUserSeq":7,"lastUserSeq":8},
];
