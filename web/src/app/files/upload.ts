/**
 * One file's resumable upload (issue 16's protocol, docs/files.md): POST /api/v1/uploads, then
 * PUT chunks at ?offset=; a dropped connection (or a 5xx/429) waits with backoff, asks
 * GET /api/v1/uploads/{id} where the server got to and goes on from there; an offset mismatch
 * (409) does the same at once; cancel aborts the chunk in flight and DELETEs the upload. The
 * chunk that completes the upload answers with the file (or the refusal: too large, type not
 * allowed, image too large, infected), shown on the chip in plain words.
 *
 * Framework-free and clock-injected, so every path is a Vitest test (upload.test.ts).
 */
import { ApiError, NetworkError } from '../../api';
import { Observable } from '../../store/observable';
import type { FileView, UploadSession } from '../../types';

export interface UploadTransport {
  create(req: { conversationId: string; name: string; size: number }, signal: AbortSignal): Promise<UploadSession>;
  /** One chunk; onProgress gets the bytes of this chunk sent so far. */
  put(id: string, offset: number, chunk: Blob, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<{ id: string; offset: number; size: number; file?: FileView }>;
  status(id: string, signal: AbortSignal): Promise<UploadSession>;
  remove(id: string): Promise<void>;
}

export type UploadPhase = 'queued' | 'starting' | 'sending' | 'retrying' | 'done' | 'failed' | 'cancelled';

/** The server's limit on one chunk (the contract: ≤ 8 MiB); its chunkBytes is used when smaller. */
export const MAX_CHUNK_BYTES = 8 * 1024 * 1024;
/** Chunk size when the server names none: the contract's example, 4 MiB. */
export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;
/** Backoff after a dropped connection: 1 s doubling to 30 s, as the outbox retries sends (store/outbox.ts). */
export const RETRY_INITIAL_MS = 1000;
export const RETRY_MAX_MS = 30_000;
/**
 * Attempts in a row without progress before the chip says it failed (about 2.5 minutes of
 * backoff); any chunk that gets through starts the count again. The person can press Retry.
 */
export const MAX_ATTEMPTS = 9;

const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

/** True when the request may not have reached the server, or the server may do better later. */
function retryable(e: unknown): boolean {
  return e instanceof NetworkError || (e instanceof ApiError && (e.status >= 500 || e.status === 429 || e.status === 408));
}

/** The refusal in words a nurse can act on. */
export function uploadErrorText(e: unknown): string {
  if (e instanceof ApiError) {
    const type = e.problem?.type ?? '';
    if (e.status === 413 || type.endsWith(':file-too-large')) return 'Too large to send. Share a smaller file.';
    if (e.status === 415 || type.endsWith(':file-type-not-allowed')) return 'This type of file cannot be shared here.';
    if (type.endsWith(':file-infected')) return 'Blocked: a virus was found in this file.';
    if (type.endsWith(':image-too-large')) return 'This image is too large to open safely. Send a smaller picture.';
    if (e.status === 422) return e.detail || 'The server refused this file.';
    if (e.status === 404) return 'The upload expired or was removed. Remove it and attach the file again.';
    return e.detail || `The server refused the file (${e.status}).`;
  }
  if (e instanceof NetworkError) return 'The connection kept dropping. Press Retry to go on from where it stopped.';
  return 'The upload failed.';
}

export interface UploadTimers {
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (h: unknown) => void;
}

const realTimers: UploadTimers = {
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class Upload extends Observable {
  /** Stable key for React lists (the server's id arrives later). */
  readonly key = crypto.randomUUID();
  phase: UploadPhase = 'queued';
  /** The server's upload id, once created. */
  id: string | null = null;
  /** Bytes the server has confirmed. */
  confirmed = 0;
  /** Bytes of the chunk in flight sent so far. */
  private inFlight = 0;
  error: string | null = null;
  /** Failed for a reason that may pass (the network): Retry is offered. */
  canRetry = false;
  file: FileView | null = null;
  /** Failed attempts in a row (reset by any progress). */
  attempts = 0;
  private chunkBytes = DEFAULT_CHUNK_BYTES;
  private controller: AbortController | null = null;
  private timer: unknown;

  constructor(
    readonly blob: Blob,
    readonly name: string,
    private readonly conversationId: string,
    private readonly transport: UploadTransport,
    private readonly timers: UploadTimers = realTimers,
  ) {
    super();
  }

  get size(): number {
    return this.blob.size;
  }

  /** Bytes sent, for the progress bar. */
  get sent(): number {
    return Math.min(this.size, this.confirmed + this.inFlight);
  }

  get active(): boolean {
    return this.phase === 'starting' || this.phase === 'sending' || this.phase === 'retrying';
  }

  get finished(): boolean {
    return this.phase === 'done' || this.phase === 'failed' || this.phase === 'cancelled';
  }

  start(): void {
    if (this.phase !== 'queued') return;
    void this.run(false);
  }

  /** After a failure that may pass: go on from where the server got to. */
  retry(): void {
    if (this.phase !== 'failed' || !this.canRetry) return;
    this.attempts = 0;
    this.error = null;
    void this.run(this.id !== null);
  }

  /** Stops sending and tells the server to drop what it has (DELETE); a finished file is left alone. */
  cancel(): void {
    if (this.phase === 'done' || this.phase === 'cancelled') return;
    this.controller?.abort();
    this.controller = null;
    if (this.timer !== undefined) this.timers.clearTimer(this.timer);
    this.timer = undefined;
    this.phase = 'cancelled';
    this.inFlight = 0;
    if (this.id) this.transport.remove(this.id).catch(() => {});
    this.changed();
  }

  private set(phase: UploadPhase): void {
    this.phase = phase;
    this.changed();
  }

  private async run(resume: boolean): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    const { signal } = controller;
    try {
      if (!this.id) {
        this.set('starting');
        const s = await this.transport.create({ conversationId: this.conversationId, name: this.name, size: this.size }, signal);
        this.id = s.id;
        this.confirmed = s.offset;
        this.chunkBytes = Math.max(1, Math.min(MAX_CHUNK_BYTES, s.chunkBytes ?? DEFAULT_CHUNK_BYTES));
      } else if (resume) {
        this.set('retrying');
        this.confirmed = (await this.transport.status(this.id, signal)).offset;
      }
      // An empty file still sends one (empty) chunk: the completing PUT is where the file is made.
      for (;;) {
        this.set('sending');
        const end = Math.min(this.size, this.confirmed + this.chunkBytes);
        const answer = await this.transport.put(
          this.id,
          this.confirmed,
          this.blob.slice(this.confirmed, end),
          (loaded) => {
            if (signal.aborted) return;
            this.inFlight = loaded;
            this.changed();
          },
          signal,
        );
        this.inFlight = 0;
        this.error = null;
        // Progress resets the count of attempts in a row.
        if (answer.offset > this.confirmed || answer.file) this.attempts = 0;
        this.confirmed = answer.offset;
        if (answer.file) {
          this.file = answer.file;
          this.controller = null;
          this.set('done');
          return;
        }
        if (this.confirmed >= this.size) throw new ApiError(500, 'The server took every byte but made no file.');
      }
    } catch (e) {
      if (signal.aborted || isAbort(e)) return;
      this.inFlight = 0;
      this.controller = null;
      this.failedAttempt(e);
    }
  }

  private failedAttempt(e: unknown): void {
    const mismatch = e instanceof ApiError && e.status === 409 && (e.problem?.type ?? '').endsWith(':upload-offset-mismatch');
    this.attempts++;
    if ((mismatch || retryable(e)) && this.attempts < MAX_ATTEMPTS) {
      // A 409 is no fault of the connection: ask where the server is at once.
      const delay = mismatch ? 0 : Math.min(RETRY_MAX_MS, RETRY_INITIAL_MS * 2 ** (this.attempts - 1));
      this.error = mismatch ? null : 'Connection lost. Trying again…';
      this.set('retrying');
      this.timer = this.timers.setTimer(() => {
        this.timer = undefined;
        if (this.phase === 'retrying') void this.run(this.id !== null);
      }, delay);
      return;
    }
    this.error = uploadErrorText(e);
    this.canRetry = retryable(e) || mismatch;
    this.set('failed');
  }
}
