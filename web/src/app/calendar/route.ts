/**
 * A meeting's address in the web client, #/meetings/<id>: invitation emails link to it, and it
 * opens the Calendar with the meeting's details (docs/calls-and-meetings.md, "Links").
 */
export function meetingHash(meetingId: string): string {
  return `#/meetings/${encodeURIComponent(meetingId)}`;
}

/** The meeting id in a #/meetings/<id> address (an occurrence suffix is ignored), or null. */
export function meetingOfHash(hash: string): string | null {
  const m = /^#\/meetings\/([^/?#]+)/.exec(hash);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}
