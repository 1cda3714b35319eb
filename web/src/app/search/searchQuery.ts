/**
 * From what the person typed and chose to the query string of GET /api/v1/search, and the terms
 * to highlight in results. Pure, so it is tested without a browser or a server.
 */
import type { SearchFilters } from './searchTypes';

/** The server refuses a longer `q` (invalid-search). */
export const MAX_QUERY_LENGTH = 256;
/** Results per type and page; the server's default (1..50 accepted). */
export const PAGE_SIZE = 20;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Local midnight at the start of the day `d` falls in. */
function startOfLocalDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

/** "2026-12-07" read as a local calendar date (new Date("2026-12-07") would be UTC midnight). */
function localDate(ymd: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * The date filter as instants. The person's days are local ones (a ward in British Summer Time
 * means its own "today"), so local midnights are sent as ISO instants rather than bare dates,
 * which the server would read as UTC days.
 */
export function dateBounds(f: Pick<SearchFilters, 'range' | 'fromDate' | 'toDate'>, now: Date): { after?: string; before?: string } {
  switch (f.range) {
    case 'today':
      return { after: startOfLocalDay(now).toISOString() };
    case 'week':
      // The last 7 days: today and the six before it.
      return { after: new Date(startOfLocalDay(now).getTime() - 6 * DAY_MS).toISOString() };
    case 'custom': {
      const from = f.fromDate ? localDate(f.fromDate) : null;
      const to = f.toDate ? localDate(f.toDate) : null;
      const out: { after?: string; before?: string } = {};
      if (from) out.after = from.toISOString();
      // Up to the end of the chosen day: the next local midnight.
      if (to) out.before = new Date(to.getFullYear(), to.getMonth(), to.getDate() + 1).toISOString();
      return out;
    }
    default:
      return {};
  }
}

/** True when any filter narrows the search (the server accepts a search with no text then). */
export function hasFilter(f: SearchFilters): boolean {
  const dates = dateBounds(f, new Date());
  return !!f.in || !!f.from || f.hasFile || f.mentionsMe || !!dates.after || !!dates.before;
}

/** The server answers only with text or at least one filter; an empty box shows nothing. */
export function canSearch(q: string, f: SearchFilters): boolean {
  return q.trim().length > 0 || hasFilter(f);
}

/** A filter that only messages know: with it, people, conversations and teams are left out. */
function messagesOnly(f: SearchFilters): boolean {
  return !!f.from || f.hasFile || f.mentionsMe || f.range !== 'any';
}

/**
 * The query string. `cursor` asks for the next page of messages only (the contract pages
 * messages alone). Filters that concern messages ask only for messages and files, so the people
 * and channel groups do not show matches the filter cannot apply to.
 */
export function searchParams(q: string, f: SearchFilters, options: { cursor?: string; now?: Date; limit?: number } = {}): URLSearchParams {
  const p = new URLSearchParams();
  const text = q.trim().slice(0, MAX_QUERY_LENGTH);
  if (text) p.set('q', text);
  if (options.cursor) p.set('types', 'messages');
  else if (messagesOnly(f) || f.in) p.set('types', f.hasFile || f.in ? 'messages,files' : 'messages');
  if (f.in) p.set('in', f.in);
  if (f.from) p.set('from', f.from.id);
  const { after, before } = dateBounds(f, options.now ?? new Date());
  if (after) p.set('after', after);
  if (before) p.set('before', before);
  if (f.hasFile) p.set('has', 'file');
  if (f.mentionsMe) p.set('mentions', 'me');
  p.set('limit', String(options.limit ?? PAGE_SIZE));
  if (options.cursor) p.set('cursor', options.cursor);
  return p;
}

/**
 * The words and "quoted phrases" of a query, to highlight in results (the server ANDs words and
 * matches a quoted phrase as a phrase). Longest first, so "bed 14" wins over "bed".
 */
export function queryTerms(q: string): string[] {
  const terms: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(q); m; m = re.exec(q)) {
    const t = (m[1] ?? m[2] ?? '').trim().replace(/^"+|"+$/g, '');
    if (t) terms.push(t);
  }
  return [...new Set(terms)].sort((a, b) => b.length - a.length);
}
