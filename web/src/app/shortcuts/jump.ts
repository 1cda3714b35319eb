/**
 * What the jump-to box (Ctrl+G; it had Ctrl+K and Ctrl+E until search took them, issue 16) offers for a query: the person's conversations whose
 * name matches, most recent first, then people from the directory who have no direct chat with
 * them among those. Pure, so it is tested without a browser.
 */
import type { ConversationSummary, Profile } from '../../types';

export type JumpTarget =
  | { kind: 'conversation'; id: string; label: string; detail: string }
  | { kind: 'person'; id: string; label: string; detail: string };

/** Bidirectional isolates (text/isolate.ts) are part of titles, not of what people type. */
const plain = (s: string) => s.replace(/[\u2066-\u2069]/g, '').toLowerCase();

export function jumpTargets(
  conversations: ConversationSummary[],
  title: (c: ConversationSummary) => string,
  people: Profile[],
  meId: string,
  query: string,
  limit = 12,
): JumpTarget[] {
  const q = plain(query.trim());
  const byRecent = [...conversations].filter((c) => !c.archived).sort((a, b) => b.lastSeq - a.lastSeq);
  const matching = byRecent.filter((c) => !q || plain(title(c)).includes(q));
  const out: JumpTarget[] = matching.map((c) => ({
    kind: 'conversation',
    id: c.id,
    label: title(c),
    detail: c.kind === 'channel' ? 'Channel' : c.kind === 'group' ? 'Group chat' : 'Chat',
  }));
  if (q) {
    const withChat = new Set(
      conversations.filter((c) => c.kind === 'direct').flatMap((c) => c.memberIds.filter((id) => id !== meId)),
    );
    for (const p of people) {
      if (p.id === meId || withChat.has(p.id)) continue;
      out.push({ kind: 'person', id: p.id, label: p.displayName, detail: [p.jobTitle, p.organisation?.name].filter(Boolean).join(', ') || 'Person' });
    }
  }
  return out.slice(0, limit);
}

/** The conversation to move to with Alt+↑ (-1) or Alt+↓ (+1) in a list, wrapping at its ends. */
export function neighbour(ids: string[], current: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const i = current === null ? -1 : ids.indexOf(current);
  if (i < 0) return step === 1 ? ids[0] : ids[ids.length - 1];
  return ids[(i + step + ids.length) % ids.length];
}

/** The application's shortcuts, for the help dialog and the handler. */
export const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ['Ctrl', 'K'], what: 'Search messages, people, channels and files (also Ctrl+E)' },
  { keys: ['Ctrl', 'G'], what: 'Jump to a conversation or person' },
  { keys: ['Alt', '↑'], what: 'Previous conversation in the list' },
  { keys: ['Alt', '↓'], what: 'Next conversation in the list' },
  { keys: ['Ctrl', '/'], what: 'Show these keyboard shortcuts' },
  { keys: ['Esc'], what: 'Close a dialog, the emoji picker or the thread' },
  { keys: ['Enter'], what: 'Send the message' },
  { keys: ['Shift', 'Enter'], what: 'New line in the message' },
  { keys: ['Ctrl', 'B'], what: 'Bold the selected text' },
  { keys: ['Ctrl', 'I'], what: 'Italicise the selected text' },
  { keys: ['@'], what: 'Mention someone' },
];

export type ShortcutAction = 'help' | 'search' | 'jump' | 'previous' | 'next';

/** The action a key press asks for, if any (⌘ works for Ctrl on a Mac). */
export function shortcutFor(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): ShortcutAction | null {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey && (e.key === '/' || e.key === '?')) return 'help';
  // Search has Ctrl+K and Ctrl+E (issue 16 names both; Ctrl+E is Teams' search); jump-to moved to Ctrl+G,
  // Teams' "Go to". The page's keydown comes before the browser's find-next, which it replaces.
  if (mod && !e.altKey && !e.shiftKey && (e.key.toLowerCase() === 'k' || e.key.toLowerCase() === 'e')) return 'search';
  if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'g') return 'jump';
  if (e.altKey && !mod && !e.shiftKey && e.key === 'ArrowUp') return 'previous';
  if (e.altKey && !mod && !e.shiftKey && e.key === 'ArrowDown') return 'next';
  return null;
}
