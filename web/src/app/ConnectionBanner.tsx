import { useEffect, useState } from 'react';

/**
 * The connection's state above the panes. While a reconnect attempt waits out its back-off it
 * says when the next one is due and offers "Retry now" (after a server restart the wait can have
 * grown to many seconds just as the server is back).
 */
export function ConnectionBanner({ state, retryAt, onRetry }: { state: string; retryAt?: number | null; onRetry?: () => void }) {
  // The first connection usually takes a moment: say "Connecting…" only if it is slow, so the
  // layout does not jump under the person's pointer at every start.
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (state !== 'connecting') {
      setSlow(false);
      return;
    }
    const t = setTimeout(() => setSlow(true), 2000);
    return () => clearTimeout(t);
  }, [state]);
  // A once-a-second tick while a wait is counted down.
  const [now, setNow] = useState(() => Date.now());
  const waiting = (state === 'reconnecting' || state === 'connecting') && retryAt != null;
  useEffect(() => {
    if (!waiting) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [waiting, retryAt]);
  const seconds = waiting ? Math.ceil((retryAt! - now) / 1000) : 0;
  const text =
    state === 'connecting' && !slow
      ? ''
      : state === 'connecting'
        ? 'Connecting…'
        : state === 'reconnecting'
          ? 'Connection lost. Reconnecting… Messages you send will be delivered when it is back.'
          : state === 'offline'
            ? 'You are offline. Messages you send will be delivered when you are back online.'
            : '';
  const canRetry = !!text && !!onRetry && (state === 'reconnecting' || state === 'connecting');
  return (
    <div className={`banner ${text ? `banner-${state}` : 'banner-hidden'}`}>
      <span role="status" aria-live="polite">
        {text}
      </span>
      {/* Outside the live region: a countdown read out every second would drown everything else. */}
      {canRetry && seconds > 0 && <span className="banner-countdown"> Trying again in {seconds} s.</span>}
      {canRetry && (
        <button type="button" className="banner-retry" onClick={onRetry}>
          Retry now
        </button>
      )}
    </div>
  );
}
