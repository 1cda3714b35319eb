/**
 * Calls as other features start them. The calendar (another part of the app) joins a meeting
 * with joinMeeting, the ward view a virtual visit with joinVisit: it raises an event the page's CallController (callController.ts) listens
 * for, so the caller needs no reference to the session, and the flow is the same as anywhere:
 * the pre-join screen, then POST /api/v1/meetings/{id}/join, then the call or the lobby.
 */
import { JOIN_MEETING_EVENT, JOIN_VISIT_EVENT } from './callController';

/**
 * Open the pre-join screen for a meeting occurrence (ISO-8601 start of that occurrence); `title`
 * names it on the pre-join and lobby screens, which otherwise know only its id.
 */
export function joinMeeting(meetingId: string, occurrence: string, title?: string): void {
  window.dispatchEvent(new CustomEvent(JOIN_MEETING_EVENT, { detail: { meetingId, occurrence, title } }));
}

/**
 * Open the pre-join screen for a virtual visit's call, joined as one of its hosts (the ward view
 * and the kiosk): then POST /api/v1/visits/{id}/join. `title` names it on the screens.
 */
export function joinVisit(visitId: string, title?: string): void {
  window.dispatchEvent(new CustomEvent(JOIN_VISIT_EVENT, { detail: { visitId, title } }));
}
