/**
 * The pinned messages of each conversation the person has opened: loaded over REST when the
 * conversation opens and kept live by message.pinned / message.unpinned (and message.deleted
 * and message.edited, which change what a pin shows). Framework-free; an Observable for React.
 */
import type { Dispatcher } from '../../protocol/dispatch';
import { Observable } from '../../store/observable';
import type { Pin, PinsRemote } from './pinsApi';

export class PinsStore extends Observable {
  /** Pins per conversation, newest first; absent until loaded. */
  private lists = new Map<string, Pin[]>();
  private loading = new Map<string, Promise<void>>();

  constructor(private readonly remote: PinsRemote) {
    super();
  }

  register(d: Dispatcher): void {
    d.onConversationEvent('message.pinned', (_e, ctx) => this.reloadIfLoaded(ctx.conversationId));
    d.onConversationEvent('message.unpinned', (e, ctx) => this.drop(ctx.conversationId, e.messageId));
    d.onConversationEvent('message.deleted', (e, ctx) => this.drop(ctx.conversationId, e.messageId));
    d.onConversationEvent('message.edited', (e, ctx) => {
      const list = this.lists.get(ctx.conversationId);
      if (!list?.some((p) => p.messageId === e.message.id)) return;
      this.lists.set(
        ctx.conversationId,
        list.map((p) => (p.messageId === e.message.id ? { ...p, message: { ...p.message, text: e.message.text, editedAt: e.message.editedAt } } : p)),
      );
      this.changed();
    });
    d.onUserEvent('conversation.removed', (e) => {
      if (this.lists.delete(e.conversationId)) this.changed();
    });
    d.onFrame('resync-required', (f) => this.reloadIfLoaded(f.conversationId));
  }

  /** Lists nobody has opened are loaded when they are; a failed reload is tried again on the next event or opening. */
  private reloadIfLoaded(conversationId: string): void {
    if (this.lists.has(conversationId)) this.reload(conversationId).catch(() => {});
  }

  /** The conversation's pins, newest first, or undefined until loaded. */
  pins(conversationId: string): Pin[] | undefined {
    return this.lists.get(conversationId);
  }

  isPinned(conversationId: string, messageId: string): boolean {
    return this.lists.get(conversationId)?.some((p) => p.messageId === messageId) ?? false;
  }

  /** Loads the list once (the stream keeps it current after that). */
  ensure(conversationId: string): Promise<void> {
    if (this.lists.has(conversationId)) return Promise.resolve();
    return this.reload(conversationId);
  }

  /** Fetches the list again (a pin's event carries no text: the list says what was pinned). */
  reload(conversationId: string): Promise<void> {
    const running = this.loading.get(conversationId);
    if (running) return running.then(() => this.reload(conversationId));
    const p = this.remote
      .pins(conversationId)
      .then((items) => {
        this.lists.set(conversationId, items);
        this.changed();
      })
      .finally(() => this.loading.delete(conversationId));
    this.loading.set(conversationId, p);
    return p;
  }

  /** Pin or unpin; the stream's event updates every member's list, this person's too. */
  async toggle(conversationId: string, messageId: string): Promise<void> {
    if (this.isPinned(conversationId, messageId)) {
      await this.remote.unpin(conversationId, messageId);
      this.drop(conversationId, messageId);
    } else {
      await this.remote.pin(conversationId, messageId);
      await this.reload(conversationId);
    }
  }

  private drop(conversationId: string, messageId: string): void {
    const list = this.lists.get(conversationId);
    if (!list?.some((p) => p.messageId === messageId)) return;
    this.lists.set(
      conversationId,
      list.filter((p) => p.messageId !== messageId),
    );
    this.changed();
  }
}
