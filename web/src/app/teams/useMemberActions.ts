import { useState } from 'react';
import { errorText } from '../ui/Modal';

/**
 * State of a member-management dialog: which row is busy, the last error and the last notice.
 * `run` performs one action for a row (add, remove, change role), showing `done` when it
 * succeeds or the server's problem detail (else `fallback`) when it fails.
 */
export function useMemberActions() {
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const run = async (id: string, work: () => Promise<void>, done: string, fallback: string) => {
    setBusyId(id);
    setError(null);
    try {
      await work();
      setNotice(done);
    } catch (e) {
      setError(errorText(e, fallback));
    } finally {
      setBusyId(null);
    }
  };
  return { error, setError, notice, busyId, run };
}
