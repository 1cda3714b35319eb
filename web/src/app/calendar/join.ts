/**
 * Join from the calendar: the calls UI's pre-join screen for this occurrence, then the call or
 * the lobby (web/src/app/calls/callActions.ts), the same flow as joining anywhere else.
 */
import { joinMeeting } from '../calls/callActions';

export function joinFromCalendar(meetingId: string, occurrence: string): void {
  joinMeeting(meetingId, occurrence);
}
