import { describe, expect, test } from 'vitest';
import { apply, BOB, chatFixture, direct, ME, msg, posted } from '../testing/chatFixture';

describe('urgent messages', () => {
  test('from the first notice, an urgent message waits until this person acknowledges; counts follow events', () => {
    const store = chatFixture();
    store.messages.addHistory('c1', [msg(4, { urgent: true })], false);
    expect(store.urgent.urgentNotice('c1', 'm4', 1)).toBe(true); // the first notice, sent with the post, alerts
    expect(store.urgent.reminders()).toEqual([{ conversationId: 'c1', messageId: 'm4', attempt: 1, raised: true }]);
    store.urgent.lower('m4');
    expect(store.urgent.reminders()).toEqual([{ conversationId: 'c1', messageId: 'm4', attempt: 1, raised: false }]);
    expect(store.urgent.urgentNotice('c1', 'm4', 2)).toBe(true); // each reminder raises it again
    expect(store.urgent.urgentNotice('c1', 'm4', 3)).toBe(true);
    expect(store.urgent.urgentNotice('c1', 'm4', 3)).toBe(false); // the same attempt again (a replay) does not
    expect(store.urgent.reminders()).toEqual([{ conversationId: 'c1', messageId: 'm4', attempt: 3, raised: true }]);
    store.urgent.setAcknowledgements('m4', [{ userId: ME }, { userId: 'carol' }]);
    expect(store.urgent.acknowledgedByMe('m4')).toBe(false);
    apply(store, 'c1', 5, { kind: 'message.acknowledged', messageId: 'm4', userId: ME, acknowledgedAt: '2026-11-25T10:02:00Z' }, true);
    expect(store.urgent.acknowledgedByMe('m4')).toBe(true);
    expect(store.urgent.reminders()).toEqual([]);
    expect(store.urgent.acknowledgements('m4')!.filter((a) => a.acknowledgedAt).length).toBe(1);
    expect(store.urgent.urgentNotice('c1', 'm4', 4)).toBe(false); // a late reminder after acknowledging is ignored
    expect(store.urgent.reminders()).toEqual([]);
  });

  test('several urgent messages queue in the order they came; deletion and leaving end theirs', () => {
    const f = chatFixture([direct('c1', 3), direct('c2', 3)]);
    f.userEvent(1, { kind: 'message.urgent', conversationId: 'c1', messageId: 'm4', attempt: 1 });
    f.userEvent(2, { kind: 'message.urgent', conversationId: 'c2', messageId: 'm9', attempt: 1 });
    f.userEvent(3, { kind: 'message.urgent', conversationId: 'c1', messageId: 'm5', attempt: 1 });
    expect(f.urgent.reminders().map((r) => r.messageId)).toEqual(['m4', 'm9', 'm5']);
    apply(f, 'c1', 4, { kind: 'message.deleted', messageId: 'm4', by: BOB }, false);
    expect(f.urgent.reminders().map((r) => r.messageId)).toEqual(['m9', 'm5']);
    f.userEvent(4, { kind: 'conversation.removed', conversationId: 'c1' });
    expect(f.urgent.reminders().map((r) => r.messageId)).toEqual(['m9']);
  });
});

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('one test per kind the urgent store applies', () => {
  test('message.card-updated to success: the bot resolved its urgent message, so it no longer waits for me, even if a late reminder comes', () => {
    const f = chatFixture();
    apply(f, 'c1', 4, posted(msg(4, { urgent: true, authorId: BOB })), false);
    apply(f, 'c1', 5, { kind: 'message.card-updated', messageId: 'm4', by: BOB,
      card: { title: 'Critical result', severity: 'critical' } }, false);
    expect(f.urgent.reminders().map((r) => r.messageId)).toEqual(['m4']); // still critical: still waiting
    apply(f, 'c1', 6, { kind: 'message.card-updated', messageId: 'm4', by: BOB,
      card: { title: 'Critical result', severity: 'success', footer: 'Acknowledged by Dr Adeyemi at 10:42 UTC' } }, false);
    expect(f.urgent.reminders()).toEqual([]);
    f.userEvent(1, { kind: 'message.urgent', conversationId: 'c1', messageId: 'm4', attempt: 2 });
    expect(f.urgent.reminders()).toEqual([]);
  });

  test('message.acknowledged: the recipient counts as acknowledged; my own acknowledgement ends my reminder', () => {
    const f = chatFixture();
    f.urgent.setAcknowledgements('m4', [{ userId: BOB }, { userId: ME }]);
    f.urgent.urgentNotice('c1', 'm4', 2);
    apply(f, 'c1', 5, { kind: 'message.acknowledged', messageId: 'm4', userId: BOB, acknowledgedAt: '2026-11-25T10:02:00Z' }, false);
    expect(f.urgent.acknowledgements('m4')).toEqual([{ userId: BOB, acknowledgedAt: '2026-11-25T10:02:00Z' }, { userId: ME }]);
    expect(f.urgent.reminders()).toHaveLength(1);
    apply(f, 'c1', 6, { kind: 'message.acknowledged', messageId: 'm4', userId: ME, acknowledgedAt: '2026-11-25T10:03:00Z' }, false);
    expect(f.urgent.acknowledgedByMe('m4')).toBe(true);
    expect(f.urgent.reminders()).toEqual([]);
  });

  test('message.acknowledged of my own urgent message: its recipients are loaded to show the count', async () => {
    const f = chatFixture();
    f.remote.acknowledgements.mockResolvedValue([{ userId: BOB, acknowledgedAt: '2026-11-25T10:02:00Z' }]);
    apply(f, 'c1', 4, posted(msg(4, { authorId: ME, urgent: true })), false);
    apply(f, 'c1', 5, { kind: 'message.acknowledged', messageId: 'm4', userId: BOB, acknowledgedAt: '2026-11-25T10:02:00Z' }, false);
    await flush();
    expect(f.remote.acknowledgements).toHaveBeenCalledWith('c1', 'm4');
    expect(f.urgent.acknowledgements('m4')).toEqual([{ userId: BOB, acknowledgedAt: '2026-11-25T10:02:00Z' }]);
  });

  test('message.urgent (user event): from the first notice the message waits for my acknowledgement', () => {
    const f = chatFixture();
    f.userEvent(1, { kind: 'message.urgent', conversationId: 'c1', messageId: 'm4', attempt: 1 });
    expect(f.urgent.reminders()).toEqual([{ conversationId: 'c1', messageId: 'm4', attempt: 1, raised: true }]);
    f.userEvent(2, { kind: 'message.urgent', conversationId: 'c1', messageId: 'm4', attempt: 3 });
    expect(f.urgent.reminders()).toEqual([{ conversationId: 'c1', messageId: 'm4', attempt: 3, raised: true }]);
  });

  test('message.posted of an urgent message by someone else is its first notice (a replay after sign-in has no user event)', () => {
    const f = chatFixture();
    apply(f, 'c1', 4, posted(msg(4, { urgent: true })), false);
    expect(f.urgent.reminders()).toEqual([{ conversationId: 'c1', messageId: 'm4', attempt: 1, raised: true }]);
    f.userEvent(1, { kind: 'message.urgent', conversationId: 'c1', messageId: 'm4', attempt: 1 });
    expect(f.urgent.reminders()).toHaveLength(1);
    apply(f, 'c1', 5, posted(msg(5, { urgent: true, authorId: ME })), false); // my own: nothing to acknowledge
    apply(f, 'c1', 6, posted(msg(6)), false); // not urgent
    expect(f.urgent.reminders().map((r) => r.messageId)).toEqual(['m4']);
  });
});
