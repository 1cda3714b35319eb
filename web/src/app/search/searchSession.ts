/**
 * One search box's state: what was typed and chosen, the answer on screen, and the request in
 * flight. Typing waits DEBOUNCE_MS before asking; a newer question aborts the older request
 * (AbortController), so a slow answer can never replace a newer one. "Load more" asks for the
 * next page of messages with the answer's nextCursor. One instance per open search dialog (no
 * global state); it follows the stores' Observable pattern so React reads it with useStore.
 */
import { ApiError, NetworkError } from '../../api';
import { Observable } from '../../store/observable';
import { canSearch, searchParams } from './searchQuery';
import { NO_FILTERS, type SearchAnswer, type SearchFilters } from './searchTypes';

/** Wait after the last key press before asking (the brief's ~200 ms; the jump-to box uses the same). */
export const DEBOUNCE_MS = 200;

export type SearchStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface SearchDeps {
  search: (params: URLSearchParams, signal: AbortSignal) => Promise<SearchAnswer>;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (h: unknown) => void;
  now?: () => Date;
}

/** The problem's detail when the server gave one (a bad date, a query too long); plain words otherwise. */
export function searchErrorText(e: unknown): string {
  if (e instanceof ApiError) return e.detail || `The search failed (${e.status}).`;
  if (e instanceof NetworkError) return 'No connection to the server. Check the network and try again.';
  return 'The search failed. Try again.';
}

export class SearchSession extends Observable {
  query = '';
  filters: SearchFilters = NO_FILTERS;
  status: SearchStatus = 'idle';
  answer: SearchAnswer | null = null;
  error: string | null = null;
  /** A "Load more" request is in flight. */
  loadingMore = false;
  moreError: string | null = null;

  private timer: unknown;
  private inFlight: AbortController | null = null;
  private readonly deps: Required<SearchDeps>;

  constructor(deps: SearchDeps) {
    super();
    this.deps = {
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      now: () => new Date(),
      ...deps,
    };
  }

  setQuery(q: string): void {
    if (q === this.query) return;
    this.query = q;
    this.schedule(DEBOUNCE_MS);
  }

  /** Filters ask at once: a click is not typing. */
  setFilters(change: Partial<SearchFilters>): void {
    this.filters = { ...this.filters, ...change };
    this.schedule(0);
  }

  /** Ask again now (the error state's "Try again"). */
  retry(): void {
    this.schedule(0);
  }

  /** The next page of messages; the groups other than messages stay as they are. */
  async loadMore(): Promise<void> {
    const cursor = this.answer?.nextCursor;
    if (!cursor || this.loadingMore || this.status !== 'ready') return;
    const controller = new AbortController();
    this.inFlight = controller;
    this.loadingMore = true;
    this.moreError = null;
    this.changed();
    try {
      const page = await this.deps.search(searchParams(this.query, this.filters, { cursor, now: this.deps.now() }), controller.signal);
      if (controller.signal.aborted || !this.answer) return;
      const seen = new Set((this.answer.messages ?? []).map((m) => m.id));
      this.answer = {
        ...this.answer,
        messages: [...(this.answer.messages ?? []), ...(page.messages ?? []).filter((m) => !seen.has(m.id))],
        nextCursor: page.nextCursor ?? null,
      };
    } catch (e) {
      if (controller.signal.aborted) return;
      this.moreError = searchErrorText(e);
    } finally {
      if (this.inFlight === controller) {
        this.inFlight = null;
        this.loadingMore = false;
        this.changed();
      }
    }
  }

  /** The dialog closed: nothing more may arrive. */
  dispose(): void {
    this.cancel();
  }

  private cancel(): void {
    if (this.timer !== undefined) this.deps.clearTimer(this.timer);
    this.timer = undefined;
    this.inFlight?.abort();
    this.inFlight = null;
    this.loadingMore = false;
  }

  private schedule(ms: number): void {
    this.cancel();
    if (!canSearch(this.query, this.filters)) {
      this.status = 'idle';
      this.answer = null;
      this.error = null;
      this.changed();
      return;
    }
    // The old answer stays on screen while the next is awaited (no flicker); the status says so.
    this.status = 'loading';
    this.changed();
    this.timer = this.deps.setTimer(() => {
      this.timer = undefined;
      void this.run();
    }, ms);
  }

  private async run(): Promise<void> {
    const controller = new AbortController();
    this.inFlight = controller;
    try {
      const answer = await this.deps.search(searchParams(this.query, this.filters, { now: this.deps.now() }), controller.signal);
      if (controller.signal.aborted) return;
      this.answer = answer;
      this.status = 'ready';
      this.error = null;
      this.moreError = null;
    } catch (e) {
      if (controller.signal.aborted) return;
      this.status = 'error';
      this.error = searchErrorText(e);
    } finally {
      if (this.inFlight === controller) this.inFlight = null;
    }
    this.changed();
  }
}
