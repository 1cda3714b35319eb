/**
 * Join from the calendar: the calls UI's flow (web/src/app/calls/callActions.ts), so joining a
 * meeting shows the pre-join screen, then the call or the lobby's waiting screen.
 */
import { joinMeeting } from '../calls/callActions';

export async function joinFromCalendar(meetingId: string, occurrence: string): Promise<void> {
  joinMeeting(meetingId, occurrence);
}
