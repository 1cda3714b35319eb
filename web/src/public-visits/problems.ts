/*
 * Errors from the public API are problem+json (RFC 9457, docs/api/problems.md): `type`, `title`,
 * `detail` and, for a bad field, `field`. This turns them into what the form shows.
 */

export interface Problem {
  status: number;
  type: string;
  title: string;
  detail: string;
  field?: string;
  retryAfterSeconds?: number;
  /** `visit-not-open` (the guest page): when the visit's window opens and closes. */
  opensAt?: string;
  closesAt?: string;
}

/** The short kind of a problem type: "urn:confer:problem:slot-taken" or "/problems/slot-taken" → "slot-taken". */
export function problemKind(type: string | undefined): string {
  if (!type) return '';
  const m = /[:/#]([a-z0-9-]+)$/i.exec(type);
  return m ? m[1] : type;
}

/** A problem from a response body that may be anything (a proxy's HTML page, nothing at all). */
export function toProblem(status: number, body: unknown): Problem {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const problem: Problem = {
    status,
    type: problemKind(str(b.type)) || (status === 429 ? 'rate-limited' : status === 404 ? 'not-found' : ''),
    title: str(b.title),
    detail: str(b.detail),
  };
  if (typeof b.field === 'string' && b.field) problem.field = b.field;
  if (typeof b.retryAfterSeconds === 'number') problem.retryAfterSeconds = b.retryAfterSeconds;
  if (typeof b.opensAt === 'string') problem.opensAt = b.opensAt;
  if (typeof b.closesAt === 'string') problem.closesAt = b.closesAt;
  return problem;
}

/**
 * The form field a problem's `field` names: the booking body's own names, or one of the
 * ward's questions as `answers.bed`, `answers[bed]` or plain `bed`.
 */
export function formFieldOf(field: string, questionNames: string[]): string {
  const m = /^answers(?:\.|\[)([^\]]+)\]?$/.exec(field);
  if (m) return 'answers.' + m[1];
  if (questionNames.includes(field)) return 'answers.' + field;
  return field;
}

export const BOOKING_FIELDS = ['slotStart', 'visitorName', 'visitorEmail', 'visitorMobile', 'patientName', 'consent'];

/**
 * The errors a problem means for the booking form, as field → message. A problem that names no
 * known field has none here: it goes in the summary alone.
 */
export function fieldErrors(problem: Problem, questionNames: string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (!problem.field) return out;
  const field = formFieldOf(problem.field, questionNames);
  const known = BOOKING_FIELDS.includes(field) || (field.startsWith('answers.') && questionNames.includes(field.slice(8)));
  if (known) out.set(field, problem.detail || problem.title || 'Check this answer');
  return out;
}

/** What to tell the visitor for a problem no field explains. */
export function generalMessage(problem: Problem): string {
  switch (problem.type) {
    case 'slot-taken':
      return 'This slot was just taken. Please choose another.';
    case 'rate-limited':
      return 'Too many bookings from here; try again later.';
    case 'not-found':
      return 'This booking page does not exist or is closed.';
    case 'challenge-failed':
      return 'The page took too long to check your request. Please press Book again.';
    default:
      if (problem.status === 0) return 'We could not reach the booking service. Check your connection and try again.';
      if (problem.status >= 500) return 'Something went wrong on our side. Please try again in a few minutes.';
      return problem.detail || problem.title || 'Something went wrong. Please try again.';
  }
}
