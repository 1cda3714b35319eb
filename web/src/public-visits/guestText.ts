/*
 * What the guest page tells a relative, in one place: plain, kind, and saying what to do next.
 */
import { formatInstant } from './dates';
import type { Problem } from './problems';

export const TEXT = {
  denied: 'The ward could not admit you this time. Please contact the ward.',
  removed: 'The ward has ended your part in the visit. If this was a mistake, please contact the ward.',
  callEnded: 'The visit has ended. Thank you for joining.',
  visitClosed: 'The time for this visit is over. Thank you for joining.',
  sessionEnded: 'This visit is no longer available. It may have been cancelled or its time is over.',
  invalid: 'This link is no longer valid. The visit may have been cancelled. Please contact the ward.',
  expired: 'Your place in the visit has expired. Press “Join the visit” to try again.',
  network: 'We could not reach the visit service. Check your internet connection and try again.',
  server: 'Something went wrong on our side. Please try again in a minute.',
  tooMany: 'Too many tries from this connection. Please wait a minute, then try again.',
  mediaFailed: 'The video connection to the ward failed. Press “Join the visit” to try again.',
};

export function notOpenText(opensAt?: string): string {
  return opensAt
    ? `Your visit is not open yet. It opens at ${formatInstant(opensAt)}. Keep this page open and try again then.`
    : 'Your visit is not open at the moment. Keep this page open and try again later.';
}

/** The message for a failed guest request that no state explains. */
export function problemText(p: Problem): string {
  if (p.status === 0) return TEXT.network;
  if (p.status === 429) {
    const wait = p.retryAfterSeconds;
    return wait && wait > 60
      ? `Too many tries from this connection. Please wait ${Math.ceil(wait / 60)} minutes, then try again.`
      : TEXT.tooMany;
  }
  if (p.status === 404) return TEXT.invalid;
  if (p.status >= 500) return TEXT.server;
  return p.detail || p.title || TEXT.server;
}

/** The media problems of the camera check (guestMedia.ts). */
export type MediaProblem = 'denied' | 'no-devices' | 'no-camera' | 'no-microphone' | 'in-use' | 'unsupported';

export const MEDIA_TEXT: Record<MediaProblem, string> = {
  denied:
    'This page is not allowed to use your camera and microphone. To let the ward see and hear you, allow them in your browser’s settings for this site, then press “Try again”. You can still join without them: you will see and hear the ward, but they will not see or hear you.',
  'no-devices':
    'We could not find a camera or a microphone. You can still join: you will see and hear the ward, but they will not see or hear you.',
  'no-camera': 'We could not use a camera, so you will join with sound only: the ward will hear you but not see you.',
  'no-microphone': 'We could not use a microphone: the ward will see you but not hear you. You can still join.',
  'in-use':
    'Your camera or microphone is being used by another app. Close that app and press “Try again”, or join without them: the ward will not see or hear you.',
  unsupported:
    'This browser cannot use a camera on this page. Try an up-to-date Chrome, Safari, Edge or Firefox. You can still join to see and hear the ward.',
};

/** What a refused guest-session exchange or join means for the page. */
export function refusal(p: Problem): { kind: 'ended' | 'not-open' | 'turned-away' | 'failed'; message: string; forgetSession?: boolean } {
  if (p.type === 'visit-not-open' || (p.status === 409 && p.opensAt)) {
    const over = p.closesAt !== undefined && Date.parse(p.closesAt) <= Date.now();
    return over ? { kind: 'ended', message: TEXT.visitClosed } : { kind: 'not-open', message: notOpenText(p.opensAt) };
  }
  if (p.status === 404) return { kind: 'ended', message: TEXT.invalid };
  if (p.type === 'lobby-denied' || p.status === 403) return { kind: 'turned-away', message: TEXT.denied };
  if (p.status === 401) return { kind: 'failed', message: TEXT.expired, forgetSession: true };
  if (p.status === 410) return { kind: 'ended', message: TEXT.callEnded };
  return { kind: 'failed', message: problemText(p) };
}
