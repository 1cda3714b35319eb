/**
 * The integration platform's events (docs/bots-and-results.md, "Events"): bot message cards,
 * slash-command answers and service requests. Members of the unions in events.ts, which
 * re-exports everything here.
 */

/** A bot message's card (docs/bots-and-results.md, "Cards"). */
export interface MessageCard {
  title: string;
  severity: 'info' | 'success' | 'warning' | 'critical';
  fields?: { label: string; value: string }[];
  /** Buttons; `id` is `<handler>:<argument>`, sent to POST …/messages/{m}/actions/{id}. */
  actions?: { id: string; label: string; style: 'primary' | 'danger' | 'default' }[];
  footer?: string;
  /** An app route such as `#/results/<id>`. */
  link?: string;
}

/** A bot changed its message's card (claimed, acknowledged, done); the text is unchanged. */
export interface MessageCardUpdated {
  kind: 'message.card-updated';
  messageId: string;
  card: MessageCard;
  by: string;
}

/** A bot's answer to my slash command, shown only to me. */
export interface CommandReplied {
  kind: 'command.replied';
  conversationId: string;
  botId: string;
  command: string;
  text: string;
  card?: MessageCard;
}

export type ServiceRequestStatus = 'open' | 'claimed' | 'in-progress' | 'done' | 'cancelled';

/** A service request as events carry it. */
export interface ServiceRequestSnapshot {
  id: string;
  number: number;
  serviceId: string;
  serviceName: string;
  status: ServiceRequestStatus;
  priority: 'routine' | 'urgent' | 'emergency';
  location?: string;
  summary: string;
  requesterId: string;
  assigneeId?: string;
  createdAt: string;
  dueAt?: string;
  updatedAt: string;
  overdue: boolean;
}

/** A request I filed or am assigned to changed. */
export interface ServiceRequestUpdated {
  kind: 'request.updated';
  request: ServiceRequestSnapshot;
}
