/** The user events of scheduled meetings (docs/protocol.md section 3.4): invitations, changes, cancellations. */

/** A meeting as invitations carry it (its first occurrence; `recurrence` is an RRULE when it repeats). */
export interface MeetingSnapshot {
  meetingId: string;
  title: string;
  organiserId: string;
  conversationId: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  recurrence?: string;
  sequence: number;
}

export interface MeetingInvited {
  kind: 'meeting.invited';
  meeting: MeetingSnapshot;
  by: string;
}

export interface MeetingUpdated {
  kind: 'meeting.updated';
  meeting: MeetingSnapshot;
  by: string;
}

export interface MeetingCancelled {
  kind: 'meeting.cancelled';
  meetingId: string;
  title: string;
  by: string;
}
