/**
 * Decoding one WebSocket message into a ServerFrame. Only what the client's bookkeeping relies
 * on is checked (the seqs and ids that move cursors); anything wrong there drops the frame with
 * a warning and the stream carries on with the next one. Event payloads are not checked member
 * by member: a handler that trips over a bad one is caught and logged by the dispatcher, after
 * the cursor has moved past it, so one bad event never stalls a conversation.
 *
 * A frame type this client does not know passes through; the dispatcher ignores it.
 */
import type { ServerFrame } from './events';

type Fields = Record<string, unknown>;

const isString = (v: unknown): v is string => typeof v === 'string';
const isSeq = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** What must hold, per frame type, for the client to act on the frame safely. */
const REQUIRED: Partial<Record<ServerFrame['type'], (f: Fields) => boolean>> = {
  event: (f) => isString(f.conversationId) && isSeq(f.seq),
  'user-event': (f) => isSeq(f.userSeq),
  'resync-required': (f) => isString(f.conversationId) && isSeq(f.lastSeq),
  'user-resync-required': (f) => isSeq(f.lastUserSeq),
  'not-a-member': (f) => isString(f.conversationId),
  typing: (f) => isString(f.conversationId) && isString(f.userId),
  presence: (f) => isString(f.userId) && isString(f.status),
  read: (f) => isString(f.conversationId) && isString(f.userId) && isSeq(f.readSeq),
};

/** The frame in `data`, or null (logged) when it is not one the client can act on. */
export function readFrame(data: unknown): ServerFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(String(data));
  } catch {
    console.warn('confer: dropped a stream message that is not JSON');
    return null;
  }
  if (typeof value !== 'object' || value === null || !isString((value as Fields).type)) {
    console.warn('confer: dropped a stream message without a type', value);
    return null;
  }
  const fields = value as Fields;
  const valid = REQUIRED[fields.type as ServerFrame['type']];
  if (valid && !valid(fields)) {
    console.warn(`confer: dropped a malformed ${String(fields.type)} frame`, value);
    return null;
  }
  return value as ServerFrame;
}
