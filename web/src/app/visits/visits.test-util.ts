/** A booked visit for the ward view's tests: 30 minutes from {@code start}, with what the test changes. */
import type { Visit } from './api';

export const visitAt = (start: string, over: Partial<Visit> = {}): Visit => ({
  id: start,
  calendarId: 'c',
  reference: 'ABCD2345',
  start,
  end: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
  status: 'booked',
  visitorName: 'Vera Visitor',
  visitorEmail: 'vera@example.org',
  visitorMobile: null,
  patientName: 'Pat Patient',
  answers: { bed: '12' },
  callId: null,
  waiting: [],
  inCall: 0,
  ...over,
});
