import { describe, expect, test } from 'vitest';
import { DRAFTS_PREFIX, DraftStore, MAX_DRAFTS } from './drafts';

class MemoryStorage {
  items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

describe('drafts on the device', () => {
  test('a draft and the open conversation survive a reload, per person', () => {
    const storage = new MemoryStorage();
    const before = new DraftStore(storage);
    before.bind('u1');
    before.set('c1', 'Obs at 14:00 please', [{ id: 'p1', label: 'Bob' }]);
    before.set('c1/r1', 'thread reply');
    before.setOpen('c1');
    const after = new DraftStore(storage);
    after.bind('u1');
    expect(after.get('c1')).toBe('Obs at 14:00 please');
    expect(after.mentions('c1')).toEqual([{ id: 'p1', label: 'Bob' }]);
    expect(after.get('c1/r1')).toBe('thread reply');
    expect(after.lastOpen()).toBe('c1');
  });

  test('sending (an empty draft) forgets it; nothing left means no entry at all', () => {
    const storage = new MemoryStorage();
    const d = new DraftStore(storage);
    d.bind('u1');
    d.set('c1', 'x');
    d.set('c1', '');
    expect(d.get('c1')).toBeUndefined();
    expect(storage.length).toBe(0);
  });

  test('sign-out clears every draft on the device; another person signing in removes the last one\'s', () => {
    const storage = new MemoryStorage();
    const a = new DraftStore(storage);
    a.bind('alice');
    a.set('c1', 'alice draft');
    const b = new DraftStore(storage);
    b.bind('bob');
    expect(b.get('c1')).toBeUndefined();
    expect(storage.getItem(DRAFTS_PREFIX + 'alice')).toBeNull();
    b.set('c2', 'bob draft');
    b.clear();
    expect(storage.length).toBe(0);
    expect(b.get('c2')).toBeUndefined();
  });

  test('unreadable or blocked storage never stops typing', () => {
    const storage = new MemoryStorage();
    storage.setItem(DRAFTS_PREFIX + 'u1', '{not json');
    const d = new DraftStore(storage);
    d.bind('u1');
    expect(d.get('c1')).toBeUndefined();
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    d.set('c1', 'kept in memory');
    expect(d.get('c1')).toBe('kept in memory');
    const none = new DraftStore(undefined);
    none.bind('u1');
    none.set('c1', 'x');
    expect(none.get('c1')).toBe('x');
  });

  test('the number of drafts is bounded, the oldest going first', () => {
    const d = new DraftStore(new MemoryStorage());
    d.bind('u1');
    for (let i = 0; i <= MAX_DRAFTS; i++) d.set(`c${i}`, 'x');
    expect(d.get(`c${MAX_DRAFTS}`)).toBe('x');
    expect([...Array(MAX_DRAFTS + 1).keys()].filter((i) => d.get(`c${i}`) !== undefined).length).toBe(MAX_DRAFTS);
  });
});
