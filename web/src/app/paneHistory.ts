/**
 * The browser's Back button walks back through what was opened: thread → conversation → list.
 * On a phone one pane shows at a time, so Back must close the thread, then the conversation;
 * on wider screens it does the same, which is what a person expects of a web page.
 *
 * Each opened conversation (and a thread in it) is one history entry made with pushState, with
 * the same URL (the hash links of Shell.tsx stay as they are) and this state object. Nothing else
 * in the client writes history state; an entry without it is "no conversation open".
 */
export interface PaneState {
  conversationId: string;
  threadRootId?: string;
}

type Host = Pick<History, 'state' | 'pushState' | 'replaceState' | 'back'>;

function isPaneState(s: unknown): s is PaneState {
  return typeof s === 'object' && s !== null && typeof (s as PaneState).conversationId === 'string';
}

/** The pane state of the current entry, or null when it shows no conversation. */
export function currentPane(h: Host = history): PaneState | null {
  return isPaneState(h.state) ? h.state : null;
}

/** Read a popstate's state. */
export function paneOf(state: unknown): PaneState | null {
  return isPaneState(state) ? state : null;
}

/**
 * A conversation was opened (or closed, id null) by the person or the app. Opening from the list
 * adds an entry (Back returns to the list); switching from one conversation to another replaces
 * it, so Back never walks through every conversation looked at. Closing without Back (the
 * conversation was left or removed) replaces the entry: Back then stays on the list.
 */
export function conversationShown(id: string | null, h: Host = history): void {
  const now = currentPane(h);
  if ((now?.conversationId ?? null) === id) return; // already there (a thread of it may be open)
  if (id === null) h.replaceState(null, '');
  else if (now === null) h.pushState({ conversationId: id } satisfies PaneState, '');
  else h.replaceState({ conversationId: id } satisfies PaneState, '');
}

/** A thread was opened (root id) or closed (null) in conversation {@code conversationId}. */
export function threadShown(conversationId: string, rootId: string | null, h: Host = history): void {
  const now = currentPane(h);
  if (rootId === null) {
    // Closed with its own button or Escape: leave its entry as Back would.
    if (now?.conversationId === conversationId && now.threadRootId) h.back();
    return;
  }
  if (now?.conversationId === conversationId && now.threadRootId === rootId) return;
  const entry: PaneState = { conversationId, threadRootId: rootId };
  if (now?.conversationId === conversationId && now.threadRootId) h.replaceState(entry, '');
  else h.pushState(entry, '');
}
