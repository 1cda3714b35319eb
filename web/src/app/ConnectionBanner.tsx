import { useEffect, useState } from 'react';

export function ConnectionBanner({ state }: { state: string }) {
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
  return (
    <div className={`banner ${text ? `banner-${state}` : 'banner-hidden'}`} role="status" aria-live="polite">
      {text}
    </div>
  );
}
