import { describe, expect, test, vi } from 'vitest';
import { Dispatcher } from '../protocol/dispatch';
import type { Preferences } from '../protocol/events';
import { DEFAULT_PREFERENCES, PreferencesStore } from './preferences';

function remote(initial: Partial<Preferences> = {}) {
  let stored: Preferences = { ...DEFAULT_PREFERENCES, ...initial };
  return {
    preferences: vi.fn(async () => stored),
    changePreferences: vi.fn(async (change: Partial<Preferences>) => (stored = { ...stored, ...change })),
  };
}

describe('preferences', () => {
  test('defaults until loaded, then what the server holds', async () => {
    const store = new PreferencesStore(remote({ theme: 'dark' }));
    expect(store.get().theme).toBe('system');
    await store.load();
    expect(store.get().theme).toBe('dark');
  });

  test('preferences.changed from another device replaces them at once', () => {
    const d = new Dispatcher();
    const store = new PreferencesStore(remote());
    store.register(d);
    const seen = vi.fn();
    store.subscribe(seen);
    d.dispatch({ type: 'user-event', userSeq: 4, event: { kind: 'preferences.changed', preferences: { ...DEFAULT_PREFERENCES, mutedConversations: ['c1'] } } });
    expect(store.isMuted('c1')).toBe(true);
    expect(seen).toHaveBeenCalled();
  });

  test('a change shows at once, is saved, and muting toggles one conversation', async () => {
    const r = remote();
    const store = new PreferencesStore(r);
    const saving = store.setMuted('c2', true);
    expect(store.isMuted('c2')).toBe(true);
    await saving;
    expect(r.changePreferences).toHaveBeenCalledWith({ mutedConversations: ['c2'] });
    await store.setMuted('c2', false);
    expect(store.isMuted('c2')).toBe(false);
  });

  test('a refused change is undone by reading the server back, and the error reaches the caller', async () => {
    const r = remote({ theme: 'light' });
    r.changePreferences.mockRejectedValueOnce(new Error('429'));
    const store = new PreferencesStore(r);
    await expect(store.change({ theme: 'contrast' })).rejects.toThrow('429');
    expect(store.get().theme).toBe('light');
  });
});
