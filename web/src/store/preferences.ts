/**
 * The person's own settings of the web client (GET/PATCH /api/v1/me/preferences), kept on the
 * server so they follow the person to every device. A change made here is shown at once and
 * sent; a `preferences.changed` user event (this device's own change, or another device's)
 * brings the server's whole answer. Urgent messages alert whatever these say: `isMuted` and the
 * sound settings are never asked about an urgent message's in-app alert (docs/decisions.md).
 */
import type { Dispatcher } from '../protocol/dispatch';
import type { Preferences } from '../protocol/events';
import { Observable } from './observable';

export const DEFAULT_PREFERENCES: Preferences = {
  desktopNotifications: true,
  messageSound: true,
  urgentSound: true,
  mutedConversations: [],
  theme: 'system',
  timeFormat: '24h',
};

export interface PreferencesRemote {
  preferences(): Promise<Preferences>;
  changePreferences(change: Partial<Preferences>): Promise<Preferences>;
}

export class PreferencesStore extends Observable {
  private current: Preferences = DEFAULT_PREFERENCES;
  /** Bumped by every local change, so an older answer never overwrites a newer choice. */
  private changes = 0;

  constructor(private readonly remote: PreferencesRemote) {
    super();
  }

  register(d: Dispatcher): void {
    d.onUserEvent('preferences.changed', (e) => this.set(e.preferences));
  }

  /** Reads them from the server (at sign-in and after a user-event resync). */
  async load(): Promise<void> {
    const asked = this.changes;
    const loaded = await this.remote.preferences();
    if (asked === this.changes) this.set(loaded);
  }

  get(): Preferences {
    return this.current;
  }

  isMuted(conversationId: string): boolean {
    return this.current.mutedConversations.includes(conversationId);
  }

  /** Shows the change at once and saves it; on failure the server's settings are read back and the error rethrown. */
  async change(change: Partial<Preferences>): Promise<void> {
    const mine = ++this.changes;
    this.set({ ...this.current, ...change });
    try {
      const saved = await this.remote.changePreferences(change);
      if (mine === this.changes) this.set(saved);
    } catch (e) {
      if (mine === this.changes) await this.load().catch(() => undefined);
      throw e;
    }
  }

  async setMuted(conversationId: string, muted: boolean): Promise<void> {
    const others = this.current.mutedConversations.filter((id) => id !== conversationId);
    await this.change({ mutedConversations: muted ? [...others, conversationId] : others });
  }

  private set(p: Preferences): void {
    this.current = p;
    this.changed();
  }
}
