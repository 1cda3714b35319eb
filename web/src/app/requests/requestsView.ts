/** How a request reads on screen: words for status, priority and due time (pure, unit-tested). */
import { timeLabel } from '../util';
import type { Priority, ServiceRequest, ServiceRequestStatus } from './requestsApi';
import { isActive, isOverdue } from './requestsStore';

const STATUS: Record<ServiceRequestStatus, string> = {
  open: 'Open',
  claimed: 'Claimed',
  'in-progress': 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

export function statusLabel(s: ServiceRequestStatus): string {
  return STATUS[s] ?? s;
}

export function priorityLabel(p: Priority): string {
  return p === 'emergency' ? 'Emergency' : p === 'urgent' ? 'Urgent' : 'Routine';
}

/** "14:30" today, "Tue 30 Mar 14:30" on another day. */
export function whenText(iso: string, now: number): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const today = new Date(now);
  const sameDay = d.getFullYear() === today.getFullYear() && d.getMonth() === today.getMonth() && d.getDate() === today.getDate();
  if (sameDay) return timeLabel(d);
  return `${d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' })} ${timeLabel(d)}`;
}

function minutesText(ms: number): string {
  const m = Math.max(1, Math.round(ms / 60_000));
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}

/** "Due 14:30 (in 25 min)", "Overdue: due 09:30 (40 min ago)", or nothing once it is finished. */
export function dueText(r: ServiceRequest, now: number): string {
  if (!isActive(r) || !r.dueAt) return '';
  const due = Date.parse(r.dueAt);
  if (isOverdue(r, now)) return `Overdue: due ${whenText(r.dueAt, now)}${due < now ? ` (${minutesText(now - due)} ago)` : ''}`;
  return `Due ${whenText(r.dueAt, now)} (in ${minutesText(due - now)})`;
}

/** A history entry's action in words ("claimed", "status.done" → "Done"). */
export function historyText(action: string): string {
  const a = action.replace(/^request\./, '').replace(/^status\./, '');
  const known: Record<string, string> = {
    filed: 'Filed',
    created: 'Filed',
    claimed: 'Claimed',
    claim: 'Claimed',
    'in-progress': 'Started',
    started: 'Started',
    done: 'Done',
    cancelled: 'Cancelled',
    overdue: 'Became overdue',
    escalated: 'Escalated to the team lead',
  };
  return known[a] ?? a.charAt(0).toUpperCase() + a.slice(1).replace(/[-_.]/g, ' ');
}
