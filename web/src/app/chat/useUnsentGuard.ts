import { useEffect } from 'react';

/**
 * Asks before the page is closed or reloaded while a message is still unsent, or files are
 * attached to one not yet sent (the outbox and the pending uploads live only in memory; a reload
 * would lose them silently). Browsers show their own wording.
 */
export function useUnsentGuard(outbox: { hasUnsent(): boolean }, uploads: { hasUnsent(): boolean }): void {
  useEffect(() => {
    const guard = (e: BeforeUnloadEvent) => {
      if (!outbox.hasUnsent() && !uploads.hasUnsent()) return;
      e.preventDefault();
      // Older Chromium needs returnValue set to show the prompt.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [outbox, uploads]);
}
