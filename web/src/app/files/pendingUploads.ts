import { UploadList } from './uploadList';
import type { UploadTimers, UploadTransport } from './upload';

/**
 * The files attached to messages not yet sent, one list per composer (a conversation's, or a
 * thread's), held by the signed-in session rather than by the view: moving to another
 * conversation leaves them uploading, and coming back finds them on the composer, as a draft's
 * text is found. Only signing out (or the session ending) cancels them. Closing or reloading
 * the page while any are held asks first (useUnsentGuard): they live only in this page.
 */
export class PendingUploads {
  private readonly lists = new Map<string, UploadList>();

  constructor(
    private readonly transport: UploadTransport,
    private readonly timers?: UploadTimers,
  ) {}

  /** The list of one composer: {@code key} is the conversation's id, or the thread root's for a thread's composer. */
  listFor(key: string, conversationId: string): UploadList {
    let list = this.lists.get(key);
    if (!list) {
      list = new UploadList(conversationId, this.transport, this.timers);
      this.lists.set(key, list);
    }
    return list;
  }

  /** Some composer holds files that have not gone with a message (uploading, uploaded, or refused and still shown). */
  hasUnsent(): boolean {
    for (const list of this.lists.values()) if (list.items().length > 0) return true;
    return false;
  }

  /** Signing out: uploads still going are cancelled (their DELETE frees the server's space) and every list is forgotten. */
  disposeAll(): void {
    for (const list of this.lists.values()) list.dispose();
    this.lists.clear();
  }
}
