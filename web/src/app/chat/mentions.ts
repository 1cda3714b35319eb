/**
 * @mention autocomplete in the composer. The person sees `@Name` in the text box; the server
 * expects `<@userId>` (docs/protocol.md section 2), so the names picked from the list are
 * remembered and turned into that form when the message is sent. `@channel` and `@team` are
 * sent as they are (the server recognises them in the text as whole tokens and sends back
 * `mentionsChannel`; the client never re-derives it).
 */

export interface MentionCandidate {
  /** A user id, or 'channel' / 'team' for the everyone-mentions. */
  id: string;
  /** What is shown in the list and inserted after the `@`. */
  label: string;
  /** A second line in the list: job title, or what an everyone-mention does. */
  detail?: string;
}

/** A person picked from the list: `@label` in the text stands for `<@id>`. */
export interface PickedMention {
  id: string;
  label: string;
}

export const MAX_SUGGESTIONS = 8;
/** Longest text after `@` still taken as a name being typed (names have spaces: "Bob Ad"). */
const MAX_QUERY = 40;

/**
 * The mention being typed at the caret: the `@` must start the text or follow a space or
 * opening punctuation (so e-mail addresses do not trigger it), and what follows it must be
 * letters, digits, spaces, dots, hyphens or apostrophes on one line.
 */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  if (at > 0 && !/[\s([{"'“]/.test(before[at - 1])) return null;
  const query = before.slice(at + 1);
  if (query.length > MAX_QUERY || /[\n@<>]/.test(query)) return null;
  if (!/^[\p{L}\p{N} .'’-]*$/u.test(query)) return null;
  if (/\s{2,}/.test(query) || /^\s/.test(query)) return null;
  return { start: at, query };
}

/**
 * Candidates matching the query: people whose name has a word starting with it (or the whole
 * name starting with it, for "Bob Ad"), then the everyone-mentions that are allowed here.
 * Case and accents are ignored; at most {@link MAX_SUGGESTIONS}.
 */
export function matchCandidates(query: string, people: MentionCandidate[], everyone: MentionCandidate[]): MentionCandidate[] {
  const q = fold(query.trim());
  const matches = (label: string) => {
    const l = fold(label);
    return q === '' || l.startsWith(q) || l.split(/[\s.'’-]+/).some((w) => w.startsWith(q));
  };
  const byName = people
    .filter((p) => matches(p.label))
    .sort((a, b) => Number(!fold(a.label).startsWith(q)) - Number(!fold(b.label).startsWith(q)) || a.label.localeCompare(b.label));
  return [...byName, ...everyone.filter((e) => matches(e.label))].slice(0, MAX_SUGGESTIONS);
}

/** Which everyone-mentions a conversation offers: both in a channel, `@channel` in a group chat, none in a direct chat. */
export function everyoneMentions(kind: 'channel' | 'group' | 'direct'): MentionCandidate[] {
  const channel = { id: 'channel', label: 'channel', detail: 'Notify everyone in this conversation' };
  const team = { id: 'team', label: 'team', detail: 'Notify everyone in this channel’s team' };
  if (kind === 'channel') return [channel, team];
  if (kind === 'group') return [channel];
  return [];
}

/** Puts `@label ` in place of the `@query` being typed; answers the new text and caret. */
export function insertMention(text: string, start: number, caret: number, c: MentionCandidate): { text: string; caret: number } {
  const inserted = `@${c.label} `;
  const rest = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, start) + inserted + rest, caret: start + inserted.length };
}

/**
 * The text to send: every `@label` of a picked person becomes `<@id>`. Longer labels first, so
 * "@Ann Lee" is not taken for "@Ann". A name the person has since edited stays plain text.
 */
export function toWireText(text: string, picked: PickedMention[]): string {
  const people = [...new Map(picked.filter((p) => p.id !== 'channel' && p.id !== 'team').map((p) => [p.label, p])).values()];
  people.sort((a, b) => b.label.length - a.label.length);
  let out = text;
  for (const p of people) {
    const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])@${escapeRegExp(p.label)}(?![\\p{L}\\p{N}])`, 'gu');
    out = out.replace(pattern, (_m, lead: string) => `${lead}<@${p.id}>`);
  }
  return out;
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
