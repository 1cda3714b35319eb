/**
 * Join from the calendar. Until the calls UI's joinMeeting (web/src/app/calls/callActions.ts)
 * is merged this asks for the join grant itself, so the button is not a dead end.
 */
import { request } from '../../api';

export async function joinFromCalendar(meetingId: string, occurrence: string): Promise<void> {
  await request<unknown>('POST', `/api/v1/meetings/${encodeURIComponent(meetingId)}/join`, { occurrence });
}
