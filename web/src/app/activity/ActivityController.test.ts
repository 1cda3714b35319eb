// @vitest-environment jsdom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { apply, BOB, chatFixture, ME, msg, posted, view } from '../../testing/chatFixture';
import { ActivityController } from './ActivityController';

afterEach(() => vi.useRealTimers());

/** The activity store registered after the state's own stores, as the session does. */
function activityFixture() {
  const f = chatFixture();
  const remote = { activity: vi.fn(async () => ({ items: [] })), activitySeen: vi.fn(async () => ({ seenAt: '' })) };
  const wanted: string[] = [];
  const activity = new ActivityController({
    meId: ME,
    messageOf: (c, m) => f.messages.message(c, m),
    repliesOf: (c, root) => f.messages.replies(c, root),
    kindOf: (c) => f.conversations.conversation(c)?.kind,
    openAt: vi.fn(),
    wantPeople: (ids) => wanted.push(...ids),
    remote,
  });
  activity.register(f.dispatcher);
  return { f, activity, remote, wanted };
}

describe('one test per kind the activity store applies (feed.test.ts has what each kind means)', () => {
  test('message.posted: a mention of me becomes an unread item; read at once when it arrives in focus', () => {
    const { f, activity } = activityFixture();
    apply(f, 'c1', 4, posted(msg(4, { mentions: [ME] })), false);
    apply(f, 'c1', 5, posted(msg(5, { mentions: [ME] })), true);
    expect(activity.feed.items().map((i) => [i.id, i.read])).toEqual([
      ['mention:m5', true],
      ['mention:m4', false],
    ]);
  });

  test('message.posted: a reply to my message, and any message in a direct chat, are items', () => {
    const { f, activity } = activityFixture();
    f.messages.addHistory('c1', [msg(4, { authorId: ME, replyCount: 1 })], false);
    apply(f, 'c1', 5, posted(msg(5, { threadRootId: 'm4' })), false);
    apply(f, 'c1', 6, posted(msg(6)), false);
    expect(activity.feed.items().map((i) => i.id).sort()).toEqual(['direct:m6', 'reply:m5']);
  });

  test('while the feed is open, an item that arrives is marked seen on the server and the badge clears', async () => {
    vi.useFakeTimers();
    const { f, activity, remote } = activityFixture();
    activity.setOpen(true);
    apply(f, 'c1', 4, posted(msg(4)), false);
    expect(activity.feed.unreadCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1500);
    expect(activity.feed.unreadCount()).toBe(0);
    expect(remote.activitySeen).toHaveBeenCalledWith(activity.feed.items()[0].at);
    // Closed: the next one stays unread.
    activity.setOpen(false);
    apply(f, 'c1', 5, posted(msg(5)), false);
    await vi.advanceTimersByTimeAsync(1500);
    expect(activity.feed.unreadCount()).toBe(1);
  });

  test('an item that arrived while the tab was hidden is seen once the tab is visible again, the feed still open', async () => {
    vi.useFakeTimers();
    const { f, activity, remote } = activityFixture();
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    try {
      activity.setOpen(true);
      apply(f, 'c1', 4, posted(msg(4)), false);
      await vi.advanceTimersByTimeAsync(1500);
      expect(activity.feed.unreadCount()).toBe(1);
      visibility.mockReturnValue('visible');
      document.dispatchEvent(new Event('visibilitychange'));
      await vi.advanceTimersByTimeAsync(1500);
      expect(activity.feed.unreadCount()).toBe(0);
      expect(remote.activitySeen).toHaveBeenCalledTimes(1);
    } finally {
      visibility.mockRestore();
      activity.stop();
    }
  });

  test('reaction.added to my loaded message, then reaction.removed: the item comes and goes', () => {
    const { f, activity } = activityFixture();
    f.messages.addHistory('c1', [msg(4, { authorId: ME })], false);
    apply(f, 'c1', 5, { kind: 'reaction.added', messageId: 'm4', userId: BOB, emoji: '👍' }, false);
    expect(activity.feed.items().map((i) => i.id)).toEqual([`reaction:m4:${BOB}:👍`]);
    apply(f, 'c1', 6, { kind: 'reaction.removed', messageId: 'm4', userId: BOB, emoji: '👍' }, false);
    expect(activity.feed.items()).toEqual([]);
  });

  test('message.edited and message.deleted: the item follows the message', () => {
    const { f, activity } = activityFixture();
    apply(f, 'c1', 4, posted(msg(4, { urgent: true })), false);
    apply(f, 'c1', 5, { kind: 'message.edited', message: view(msg(4, { urgent: true, text: 'bed 4 now', editedAt: '2026-11-25T10:01:00Z' })) }, false);
    expect(activity.feed.items()[0]).toMatchObject({ id: 'urgent:m4', preview: 'bed 4 now', edited: true });
    apply(f, 'c1', 6, { kind: 'message.deleted', messageId: 'm4', by: BOB }, false);
    expect(activity.feed.items()[0]).toMatchObject({ id: 'urgent:m4', deleted: true, preview: undefined });
  });

  test('message.acknowledged by me: my urgent item is read', () => {
    const { f, activity } = activityFixture();
    apply(f, 'c1', 4, posted(msg(4, { urgent: true })), false);
    apply(f, 'c1', 5, { kind: 'message.acknowledged', messageId: 'm4', userId: ME, acknowledgedAt: '2026-11-25T10:02:00Z' }, false);
    expect(activity.feed.unreadCount()).toBe(0);
  });

  test('member.added (me, by someone else) and conversation.added: the feed is fetched again (who added me)', async () => {
    vi.useFakeTimers();
    const { f, remote } = activityFixture();
    f.event('c1', 4, { kind: 'member.added', userId: ME, by: BOB });
    f.userEvent(1, { kind: 'conversation.added', conversation: { id: 'c2', kind: 'group', lastSeq: 1, archived: false, createdAt: '2026-11-25T10:00:00Z' } });
    await vi.advanceTimersByTimeAsync(400);
    expect(remote.activity).toHaveBeenCalledTimes(1);
  });

  test('read.moved (user event): items up to the marker are read', () => {
    const { f, activity } = activityFixture();
    apply(f, 'c1', 4, posted(msg(4, { mentions: [ME] })), false);
    apply(f, 'c1', 5, posted(msg(5, { mentions: [ME] })), false);
    f.userEvent(1, { kind: 'read.moved', conversationId: 'c1', readSeq: 4 });
    expect(activity.feed.items().filter((i) => !i.read).map((i) => i.id)).toEqual(['mention:m5']);
  });

  test('conversation.removed (user event): its items go', () => {
    const { f, activity } = activityFixture();
    apply(f, 'c1', 4, posted(msg(4, { mentions: [ME] })), false);
    f.userEvent(1, { kind: 'conversation.removed', conversationId: 'c1' });
    expect(activity.feed.items()).toEqual([]);
  });

  test('ready and user-resync-required (frames): the newest page is fetched, and its people looked up', async () => {
    const { f, remote, wanted } = activityFixture();
    remote.activity.mockResolvedValue({ items: [{ id: 'added:c1:1', kind: 'added', conversationId: 'c1', actorId: BOB, at: '2026-11-25T09:00:00Z', read: false }] } as never);
    f.dispatcher.dispatch({ type: 'ready', replayed: 0 });
    f.dispatcher.dispatch({ type: 'user-resync-required', fromUserSeq: 9, lastUserSeq: 2 });
    await vi.waitFor(() => expect(wanted).toContain(BOB));
    expect(remote.activity).toHaveBeenCalledTimes(2);
  });
});
