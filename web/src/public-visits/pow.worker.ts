/*
 * Solves the booking challenge off the main thread, in rounds so a newer request (a fresh
 * challenge) replaces an older one.
 */
import { solve } from './pow';

interface Request { id: number; challenge: string; difficulty: number }

const scope = self as unknown as { onmessage: ((e: MessageEvent<Request>) => void) | null; postMessage(m: unknown): void };
let current = 0;
const ROUND = 20_000;

scope.onmessage = (e) => {
  const { id, challenge, difficulty } = e.data;
  current = id;
  let from = 0;
  const step = () => {
    if (current !== id) return;
    const found = solve(challenge, difficulty, from, ROUND);
    if (found !== null) {
      scope.postMessage({ id, nonce: String(found) });
      return;
    }
    from += ROUND;
    setTimeout(step, 0);
  };
  step();
};
