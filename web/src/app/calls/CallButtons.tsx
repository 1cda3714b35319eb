import type { ConversationSummary } from '../../types';
import { useStore } from '../useStore';
import type { CallController } from './callController';

/**
 * The call buttons of a conversation header: "Audio call" and "Video call" in direct and group
 * chats, "Meet now" in channels; "Join (n)" instead while a call is live here (none while I am
 * in it: the bar over the app returns to the call).
 */
export function CallButtons({ calls, conversation: c }: { calls: CallController; conversation: ConversationSummary }) {
  useStore(calls);
  if (c.archived) return null;
  const live = calls.store.liveIn(c.id);
  const mine = calls.store.mine();
  const busy = calls.phase.kind !== 'idle' && calls.phase.kind !== 'failed';
  // In it already: the bar over the app (CallBar) returns to it.
  if (live && mine?.callId === live.callId) return null;
  if (live) {
    const n = calls.store.peopleIn(live.callId);
    return (
      <button
        type="button"
        className="primary call-button call-join"
        disabled={busy}
        onClick={() => calls.prejoin({ kind: 'call', callId: live.callId, conversationId: c.id }, live.media ?? 'video')}
      >
        Join ({n})<span className="visually-hidden">, {n === 1 ? '1 person is' : `${n} people are`} in the call</span>
      </button>
    );
  }
  if (c.kind === 'channel') {
    return (
      <button type="button" className="secondary call-button" disabled={busy} onClick={() => calls.prejoin({ kind: 'start', conversationId: c.id }, 'video')}>
        <CameraIcon /> <span className="call-label">Meet now</span>
      </button>
    );
  }
  return (
    <>
      <button type="button" className="secondary call-button" disabled={busy} onClick={() => calls.prejoin({ kind: 'start', conversationId: c.id }, 'audio')}>
        <PhoneIcon /> <span className="call-label">Audio call</span>
      </button>
      <button type="button" className="secondary call-button" disabled={busy} onClick={() => calls.prejoin({ kind: 'start', conversationId: c.id }, 'video')}>
        <CameraIcon /> <span className="call-label">Video call</span>
      </button>
    </>
  );
}

export function PhoneIcon() {
  return (
    <svg className="call-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z" />
    </svg>
  );
}

export function CameraIcon() {
  return (
    <svg className="call-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M17 10.5V7a1 1 0 0 0-1-1H4a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-3.5l4 4v-11z" />
    </svg>
  );
}
