/**
 * The rows of an urgent message's acknowledgement list (AcknowledgementList.tsx): everyone who
 * must acknowledge it, those who did in the order they did, then those still waiting by name.
 */
import type { Acknowledgement } from '../../store/urgent';

export interface AckRow {
  userId: string;
  name: string;
  acknowledgedAt?: string;
  notifiedCount?: number;
}

export function ackRows(items: Acknowledgement[], nameOf: (id: string) => string | undefined): AckRow[] {
  const rows = items.map((a) => ({ ...a, name: nameOf(a.userId) ?? '…' }));
  const done = rows.filter((r) => r.acknowledgedAt).sort((a, b) => Date.parse(a.acknowledgedAt!) - Date.parse(b.acknowledgedAt!));
  const waiting = rows.filter((r) => !r.acknowledgedAt).sort((a, b) => a.name.localeCompare(b.name));
  return [...done, ...waiting];
}

export function ackSummary(items: Acknowledgement[]): string {
  return `Acknowledged by ${items.filter((a) => a.acknowledgedAt).length} of ${items.length}`;
}
