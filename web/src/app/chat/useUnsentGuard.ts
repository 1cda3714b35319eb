import { useEffect } from 'react';

/**
 * Asks before the page is closed or reloaded while a message is still unsent (the outbox holds
 * it only in memory; a reload would lose it silently). Browsers show their own wording.
 */
export function useUnsentGuard(outbox: { hasUnsent(): boolean }): void {
  useEffect(() => {
    const guard = (e: BeforeUnloadEvent) => {
      if (!outbox.hasUnsent()) return;
      e.preventDefault();
      // Older Chromium needs returnValue set to show the prompt.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [outbox]);
}
