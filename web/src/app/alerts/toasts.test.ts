import { describe, expect, test } from 'vitest';
import { apply, BOB, chatFixture, direct, ME, msg, posted } from '../../testing/chatFixture';
import { isolate } from '../../text/isolate';
import { MAX_TOASTS, shouldToast, TOAST_MS, ToastStore, type ToastContext } from './toasts';

const CARL = '0b6a5b4e-8f0c-4d53-9d7e-5f3c2a1b0c9d';
const NOW = Date.parse('2026-11-25T10:00:30Z');
const ctx = (over: Partial<ToastContext> = {}): ToastContext => ({ meId: ME, onScreen: false, muted: false, dnd: false, live: true, ...over });

describe('shouldToast', () => {
  test('a new direct or group message from someone else, not on screen, pops up', () => {
    expect(shouldToast(msg(4), 'direct', ctx(), NOW)).toBe(true);
    expect(shouldToast(msg(4), 'group', ctx(), NOW)).toBe(true);
  });

  test('not for channels, my own, urgent (it has its alert), the conversation on screen, muted, dnd, replays or old ones', () => {
    expect(shouldToast(msg(4), 'channel', ctx(), NOW)).toBe(false);
    expect(shouldToast(msg(4, { authorId: ME }), 'direct', ctx(), NOW)).toBe(false);
    expect(shouldToast(msg(4, { urgent: true }), 'direct', ctx(), NOW)).toBe(false);
    expect(shouldToast(msg(4), 'direct', ctx({ onScreen: true }), NOW)).toBe(false);
    expect(shouldToast(msg(4), 'direct', ctx({ muted: true }), NOW)).toBe(false);
    expect(shouldToast(msg(4), 'direct', ctx({ dnd: true }), NOW)).toBe(false);
    expect(shouldToast(msg(4), 'direct', ctx({ live: false }), NOW)).toBe(false);
    expect(shouldToast(msg(4), 'direct', ctx(), NOW + 11 * 60_000)).toBe(false);
  });
});

function setup(over: { active?: string | null; muted?: string[]; status?: string } = {}) {
  const f = chatFixture([direct('c1', 3), direct('c2', 3), { ...direct('ch', 3), kind: 'channel', name: 'General' }]);
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const toasts = new ToastStore({
    meId: ME,
    kindOf: (id) => f.conversations.conversation(id)?.kind,
    isMuted: (id) => (over.muted ?? []).includes(id),
    myStatus: () => over.status,
    live: () => true,
    activeId: () => over.active ?? null,
    nameOf: (id) => (id === CARL ? 'Carl' : undefined),
    setTimer: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => {
      (h as { cleared: boolean }).cleared = true;
    },
  });
  toasts.register(f.dispatcher);
  const now = new Date().toISOString();
  const post = (c: string, seq: number, extra = {}) => apply(f, c, seq, posted(msg(seq, { conversationId: c, createdAt: now, ...extra })), false);
  return { f, toasts, timers, post };
}

describe('ToastStore', () => {
  test('a message from elsewhere toasts with a plain-text preview and goes after TOAST_MS', () => {
    const { toasts, timers, post } = setup({ active: 'c2' });
    post('c1', 4, { text: `Please **review** <@${CARL}> now` });
    expect(toasts.toasts()).toEqual([
      { id: 'toast-m4', conversationId: 'c1', messageId: 'm4', threadRootId: undefined, authorId: BOB, preview: `Please review @${isolate('Carl')} now` },
    ]);
    expect(timers[0].ms).toBe(TOAST_MS);
    timers[0].fn();
    expect(toasts.toasts()).toEqual([]);
  });

  test('the conversation on screen does not toast, unless the Activity section covers it', () => {
    const { toasts, post } = setup({ active: 'c1' });
    post('c1', 4);
    expect(toasts.toasts()).toEqual([]);
    toasts.setSection('activity');
    post('c1', 5);
    expect(toasts.toasts().map((t) => t.messageId)).toEqual(['m5']);
  });

  test('muted chats, channels and do-not-disturb do not toast', () => {
    expect(setup({ muted: ['c1'] }).toasts.toasts()).toEqual([]);
    const muted = setup({ muted: ['c1'] });
    muted.post('c1', 4);
    muted.post('ch', 5);
    expect(muted.toasts.toasts()).toEqual([]);
    const dnd = setup({ status: 'dnd' });
    dnd.post('c1', 4);
    expect(dnd.toasts.toasts()).toEqual([]);
  });

  test('at most MAX_TOASTS; opening a conversation, deleting the message or dismissing removes its toast', () => {
    const { f, toasts, timers, post } = setup();
    for (let seq = 4; seq < 4 + MAX_TOASTS + 1; seq++) post(seq % 2 ? 'c1' : 'c2', seq);
    expect(toasts.toasts()).toHaveLength(MAX_TOASTS);
    expect(timers[0].cleared).toBe(true); // the oldest gave way
    toasts.opened('c1');
    expect(toasts.toasts().every((t) => t.conversationId === 'c2')).toBe(true);
    const [first] = toasts.toasts();
    apply(f, 'c2', 20, { kind: 'message.deleted', messageId: first.messageId, by: BOB }, false);
    expect(toasts.toasts().some((t) => t.id === first.id)).toBe(false);
    post('c1', 21);
    toasts.dismiss('toast-m21');
    expect(toasts.toasts().some((t) => t.id === 'toast-m21')).toBe(false);
  });

  test('hovering holds a toast; leaving gives it its time again', () => {
    const { toasts, timers, post } = setup();
    post('c1', 4);
    toasts.hold('toast-m4', true);
    expect(timers[0].cleared).toBe(true);
    toasts.hold('toast-m4', false);
    expect(timers).toHaveLength(2);
    timers[1].fn();
    expect(toasts.toasts()).toEqual([]);
  });
});
