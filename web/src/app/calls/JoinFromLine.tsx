import type { CallMedia } from '../../protocol/events';
import type { CallController } from './callController';

/** "· Join" after "Alice started a video call", while that call is still live and I am not in it. */
export function JoinFromLine({ calls, callId, conversationId, media }: { calls: CallController; callId: string; conversationId: string; media: CallMedia }) {
  const live = calls.store.call(callId);
  if (!live || calls.store.mine()?.callId === callId) return null;
  return (
    <>
      {' · '}
      <button type="button" className="link-button call-line-join" onClick={() => calls.prejoin({ kind: 'call', callId, conversationId }, media)}>
        Join
      </button>
    </>
  );
}
