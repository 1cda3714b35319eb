/**
 * The person's saved messages: loaded at sign-in, kept current on every device by their own
 * message.saved / message.unsaved user events. Items of a conversation they have left are
 * dropped at once (the server no longer lists them either); rejoining brings them back with a
 * reload. Framework-free; an Observable for React.
 */
import type { Dispatcher } from '../../protocol/dispatch';
import { Observable } from '../../store/observable';
import type { SavedItem, SavedRemote } from './pinsApi';

export class SavedStore extends Observable {
  private list: SavedItem[] | undefined;
  private ids = new Set<string>();
  private loading: Promise<void> | null = null;

  constructor(private readonly remote: SavedRemote) {
    super();
  }

  register(d: Dispatcher): void {
    d.onUserEvent('message.saved', (e) => {
      this.ids.add(e.messageId);
      this.changed();
      void this.load().catch(() => {});
    });
    d.onUserEvent('message.unsaved', (e) => this.drop((i) => i.messageId === e.messageId, [e.messageId]));
    d.onUserEvent('conversation.removed', (e) =>
      this.drop(
        (i) => i.conversationId === e.conversationId,
        (this.list ?? []).filter((i) => i.conversationId === e.conversationId).map((i) => i.messageId),
      ),
    );
    d.onUserEvent('conversation.added', () => void this.load().catch(() => {}));
    d.onFrame('user-resync-required', () => void this.load().catch(() => {}));
  }

  /** Newest saved first; undefined until loaded. */
  items(): SavedItem[] | undefined {
    return this.list;
  }

  isSaved(messageId: string): boolean {
    return this.ids.has(messageId);
  }

  load(): Promise<void> {
    if (this.loading) return this.loading.then(() => this.load());
    this.loading = this.remote
      .saved()
      .then((items) => {
        this.list = items;
        this.ids = new Set(items.map((i) => i.messageId));
        this.changed();
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  /** Save or unsave; the user event then reaches this and the person's other devices. */
  async toggle(conversationId: string, messageId: string): Promise<void> {
    if (this.isSaved(messageId)) {
      await this.remote.unsave(conversationId, messageId);
      this.drop((i) => i.messageId === messageId, [messageId]);
    } else {
      await this.remote.save(conversationId, messageId);
      this.ids.add(messageId);
      this.changed();
      await this.load();
    }
  }

  private drop(match: (i: SavedItem) => boolean, ids: string[]): void {
    for (const id of ids) this.ids.delete(id);
    if (this.list) this.list = this.list.filter((i) => !match(i));
    this.changed();
  }
}
