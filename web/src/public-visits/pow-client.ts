/*
 * Gets a challenge as the page opens and solves it in a Web Worker while the visitor fills the
 * form; a challenge about to expire (or used by a booking) is replaced by a new one.
 */
import { publicApi } from './api';
import { solve } from './pow';

export interface Solution {
  challenge: string;
  nonce: string;
}

const MARGIN_MS = 30_000;

export class ProofOfWork {
  private worker: Worker | null = null;
  private seq = 0;
  private pending: Promise<Solution> | null = null;
  private expiresAt = 0;
  private readonly waiting = new Map<number, { challenge: string; difficulty: number; resolve: (nonce: string) => void }>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    try {
      this.worker = new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<{ id: number; nonce: string }>) => {
        const job = this.waiting.get(e.data.id);
        this.waiting.delete(e.data.id);
        job?.resolve(e.data.nonce);
      };
      // A worker that cannot load (an old browser, a blocked script): solve on the page instead.
      this.worker.onerror = () => {
        this.worker = null;
        for (const [id, job] of this.waiting) {
          this.waiting.delete(id);
          void this.onPage(job.challenge, job.difficulty).then(job.resolve);
        }
      };
    } catch {
      this.worker = null;
    }
  }

  /** Starts on a new challenge (the old one's answer is dropped). */
  start(): Promise<Solution> {
    const id = ++this.seq;
    clearTimeout(this.timer);
    this.pending = (async () => {
      const r = await publicApi.challenge();
      if (!r.ok) throw r.problem;
      const { challenge, difficulty, expiresAt } = r.value;
      this.expiresAt = typeof expiresAt === 'number' ? expiresAt * 1000 : Date.parse(expiresAt);
      const lifetime = this.expiresAt - Date.now() - MARGIN_MS;
      if (lifetime > 0) this.timer = setTimeout(() => { if (this.seq === id) void this.start().catch(() => {}); }, lifetime);
      const nonce = await this.solved(id, challenge, difficulty);
      return { challenge, nonce };
    })();
    this.pending.catch(() => {});
    return this.pending;
  }

  /** A solution for a booking now: the current one, unless it is missing, failed or about to expire. */
  async solution(): Promise<Solution> {
    if (!this.pending || Date.now() > this.expiresAt - 5_000) return this.start();
    try {
      return await this.pending;
    } catch {
      return this.start();
    }
  }

  private solved(id: number, challenge: string, difficulty: number): Promise<string> {
    if (this.worker) {
      return new Promise((resolve) => {
        this.waiting.set(id, { challenge, difficulty, resolve });
        this.worker!.postMessage({ id, challenge, difficulty });
      });
    }
    return this.onPage(challenge, difficulty);
  }

  /** Without a worker: in rounds on the page, so it stays responsive. */
  private onPage(challenge: string, difficulty: number): Promise<string> {
    return new Promise((resolve) => {
      let from = 0;
      const step = () => {
        const found = solve(challenge, difficulty, from, 5_000);
        if (found !== null) resolve(String(found));
        else {
          from += 5_000;
          setTimeout(step, 0);
        }
      };
      step();
    });
  }
}
