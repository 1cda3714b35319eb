import { describe, expect, test } from 'vitest';
import { apply, chatFixture, ME, msg } from '../testing/chatFixture';

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
