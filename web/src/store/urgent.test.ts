import { describe, expect, test } from 'vitest';
import { apply, BOB, chatFixture, ME, msg, posted } from '../testing/chatFixture';

describe('urgent messages', () => {
  test('reminders (attempt > 1) are kept until this person acknowledges; counts follow events', () => {
    const store = chatFixture();
    store.messages.addHistory('c1', [msg(4, { urgent: true })], false);
    store.urgent.urgentNotice('c1', 'm4', 1);
    expect(store.urgent.reminders()).toEqual([]); // the first notice comes with the post itself
    store.urgent.urgentNotice('c1', 'm4', 2);
    store.urgent.urgentNotice('c1', 'm4', 3);
    expect(store.urgent.reminders()).toEqual([{ conversationId: 'c1', messageId: 'm4', attempt: 3 }]);
    store.urgent.setAcknowledgements('m4', [{ userId: ME }, { userId: 'carol' }]);
    expect(store.urgent.acknowledgedByMe('m4')).toBe(false);
    apply(store, 'c1', 5, { kind: 'message.acknowledged', messageId: 'm4', userId: ME, acknowledgedAt: '2026-11-25T10:02:00Z' }, true);
    expect(store.urgent.acknowledgedByMe('m4')).toBe(true);
    expect(store.urgent.reminders()).toEqual([]);
    expect(store.urgent.acknowledgements('m4')!.filter((a) => a.acknowledgedAt).length).toBe(1);
    store.urgent.urgentNotice('c1', 'm4', 4); // a late reminder after acknowledging is ignored
    expect(store.urgent.reminders()).toEqual([]);
  });
});

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('one test per kind the urgent store applies', () => {
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

  test('message.urgent (user event): reminders after the first notice wait for my acknowledgement', () => {
    const f = chatFixture();
    f.userEvent(1, { kind: 'message.urgent', conversationId: 'c1', messageId: 'm4', attempt: 1 });
    expect(f.urgent.reminders()).toEqual([]);
    f.userEvent(2, { kind: 'message.urgent', conversationId: 'c1', messageId: 'm4', attempt: 3 });
    expect(f.urgent.reminders()).toEqual([{ conversationId: 'c1', messageId: 'm4', attempt: 3 }]);
  });
});
