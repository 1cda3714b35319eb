import { describe, expect, it } from 'vitest';
import type { ServiceRequest } from './requestsApi';
import { actionsFor } from './RequestRow';

const req = (status: ServiceRequest['status'], requesterId = 'someone'): ServiceRequest => ({
  id: 'r', number: 1, serviceId: 's', serviceName: 'Phlebotomy', status, priority: 'routine', location: '', nhsNumber: null, details: '',
  fields: {}, requesterId, assigneeId: null, createdAt: '', dueAt: null, updatedAt: '', overdue: false,
});

describe('request buttons', () => {
  it('lets a team member claim an open request, start a claimed one and finish it', () => {
    expect(actionsFor(req('open'), 'me', true)).toEqual(['claim', 'cancel']);
    expect(actionsFor(req('claimed'), 'me', true)).toEqual(['start', 'done', 'cancel']);
    expect(actionsFor(req('in-progress'), 'me', true)).toEqual(['done', 'cancel']);
  });

  it('lets the requester only cancel, and nobody act on a finished request', () => {
    expect(actionsFor(req('claimed', 'me'), 'me', false)).toEqual(['cancel']);
    expect(actionsFor(req('open'), 'me', false)).toEqual([]);
    expect(actionsFor(req('done', 'me'), 'me', true)).toEqual([]);
    expect(actionsFor(req('cancelled', 'me'), 'me', true)).toEqual([]);
  });
});
