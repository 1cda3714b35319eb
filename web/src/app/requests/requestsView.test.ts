import { describe, expect, it } from 'vitest';
import type { ServiceRequest } from './requestsApi';
import { dueText, historyText, priorityLabel, statusLabel } from './requestsView';

const NOW = new Date(2027, 2, 30, 10, 0).getTime();
const at = (h: number, m: number) => new Date(2027, 2, 30, h, m).toISOString();
const req = (over: Partial<ServiceRequest>): ServiceRequest => ({
  id: 'r', number: 1, serviceId: 's', serviceName: 'Phlebotomy', status: 'open', priority: 'routine', location: '', nhsNumber: null,
  details: '', fields: {}, requesterId: 'me', assigneeId: null, createdAt: at(9, 0), dueAt: at(10, 25), updatedAt: at(9, 0), overdue: false, ...over,
});

describe('request words', () => {
  it('names statuses and priorities', () => {
    expect(statusLabel('in-progress')).toBe('In progress');
    expect(priorityLabel('emergency')).toBe('Emergency');
  });

  it('says when a request is due, and how late an overdue one is', () => {
    expect(dueText(req({}), NOW)).toBe('Due 10:25 (in 25 min)');
    expect(dueText(req({ dueAt: at(9, 20) }), NOW)).toBe('Overdue: due 09:20 (40 min ago)');
    expect(dueText(req({ dueAt: at(12, 30) }), NOW)).toBe('Due 12:30 (in 2 h 30 min)');
  });

  it('says nothing about the due time once a request is done or cancelled', () => {
    expect(dueText(req({ status: 'done', dueAt: at(9, 20) }), NOW)).toBe('');
    expect(dueText(req({ status: 'cancelled' }), NOW)).toBe('');
  });

  it('writes history actions in words', () => {
    expect(historyText('claimed')).toBe('Claimed');
    expect(historyText('status.in-progress')).toBe('Started');
    expect(historyText('request.done')).toBe('Done');
    expect(historyText('note_added')).toBe('Note added');
  });
});

describe('a request detail', () => {
  it('lists its history oldest first, same-second steps in the order they happen', async () => {
    const { toDetail } = await import('./requestsApi');
    const d = toDetail({
      id: 'r',
      history: [
        { at: '2027-03-30T10:00:05Z', action: 'request.done' },
        { at: '2027-03-30T10:00:05Z', action: 'request.started' },
        { at: '2027-03-30T10:00:00Z', action: 'request.filed' },
      ],
    });
    expect(d.history.map((h) => h.action)).toEqual(['request.filed', 'request.started', 'request.done']);
  });
});
