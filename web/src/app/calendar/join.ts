/**
 * Join from the calendar: the calls UI's pre-join screen for this occurrence, then the call or
 * its lobby (web/src/app/calls/callActions.ts).
 */
import { joinMeeting } from '../calls/callActions';

export function joinFromCalendar(meetingId: string, occurrence: string, title?: string): void {
  joinMeeting(meetingId, occurrence, title);
}
