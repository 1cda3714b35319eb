/**
 * Splits a result's text into plain and matched parts, so the component builds <mark> elements
 * around matches: the text is never put into HTML, only into React text nodes.
 */

export interface Segment {
  text: string;
  hit: boolean;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text cut at every case-insensitive occurrence of any term; overlapping matches merge. The
 * regular expression runs over the original text, so lengths never shift (toLowerCase can change
 * a string's length, as for "İ").
 */
export function highlightSegments(text: string, terms: string[]): Segment[] {
  const wanted = terms.filter((t) => t.length > 0);
  if (!text) return [];
  if (wanted.length === 0) return [{ text, hit: false }];
  // Each term on its own: one alternation would let "haemo" hide an overlapping "moglo".
  const found: [number, number][] = [];
  for (const term of wanted) {
    const re = new RegExp(escapeRegExp(term), 'giu');
    for (let m = re.exec(text); m; m = re.exec(text)) found.push([m.index, m.index + m[0].length]);
  }
  found.sort((a, b) => a[0] - b[0]);
  const ranges: [number, number][] = [];
  for (const [start, end] of found) {
    const last = ranges[ranges.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  const out: Segment[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) out.push({ text: text.slice(at, start), hit: false });
    out.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}

/**
 * A long message cut to a window around its first match, so the match is visible in a one- or
 * two-line result: "… the K+ was 6.1 on bed 14 …".
 */
export function excerpt(text: string, terms: string[], max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const segments = highlightSegments(flat, terms);
  let first = 0;
  let at = 0;
  for (const s of segments) {
    if (s.hit) {
      first = at;
      break;
    }
    at += s.text.length;
  }
  const start = Math.max(0, Math.min(first - Math.floor(max / 3), flat.length - max));
  const end = Math.min(flat.length, start + max);
  return `${start > 0 ? '… ' : ''}${flat.slice(start, end).trim()}${end < flat.length ? ' …' : ''}`;
}
