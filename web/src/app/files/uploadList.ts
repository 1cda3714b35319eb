/**
 * The files waiting to go with the next message in one composer: at most MAX_FILES, two sending
 * at a time, the rest queued. Send is allowed when every file is uploaded (none sending, none
 * failed); the ids of the uploaded files go with the message. One list per open conversation
 * view, made by the view (no global state).
 */
import { Observable } from '../../store/observable';
import { Upload, type UploadTimers, type UploadTransport } from './upload';

/** The contract's limit: ≤ 10 files a message. */
export const MAX_FILES = 10;
/** Uploads at once: the browser allows six connections to the server and the stream holds one; two keep the rest free for the chat. */
export const PARALLEL = 2;

export class UploadList extends Observable {
  private list: Upload[] = [];
  /** Why the last files could not be added (too many). */
  notice: string | null = null;

  constructor(
    private readonly conversationId: string,
    private readonly transport: UploadTransport,
    private readonly timers?: UploadTimers,
  ) {
    super();
  }

  items(): readonly Upload[] {
    return this.list;
  }

  add(files: { blob: Blob; name: string }[]): void {
    const room = MAX_FILES - this.list.length;
    this.notice = files.length > room ? `A message can carry ${MAX_FILES} files at most; ${files.length - Math.max(0, room)} not added.` : null;
    for (const f of files.slice(0, Math.max(0, room))) {
      const u = new Upload(f.blob, f.name, this.conversationId, this.transport, this.timers);
      u.subscribe(() => {
        if (u.finished) this.pump();
        this.changed();
      });
      this.list = [...this.list, u];
    }
    this.pump();
    this.changed();
  }

  /** The chip's ×: cancels an upload still going (DELETE) and takes the chip away. */
  remove(key: string): void {
    const u = this.list.find((x) => x.key === key);
    if (!u) return;
    u.cancel();
    this.list = this.list.filter((x) => x !== u);
    this.notice = null;
    this.pump();
    this.changed();
  }

  /** Every file is uploaded (and there is at least one). */
  ready(): boolean {
    return this.list.length > 0 && this.list.every((u) => u.phase === 'done');
  }

  /** Files are still on their way or need the person's attention: Send waits. */
  blocking(): boolean {
    return this.list.some((u) => u.phase !== 'done');
  }

  fileIds(): string[] {
    return this.list.flatMap((u) => (u.phase === 'done' && u.file ? [u.file.id] : []));
  }

  /** The message went: its files are the message's now (nothing is cancelled). */
  sent(): void {
    this.list = [];
    this.notice = null;
    this.changed();
  }

  /** The view closed: uploads still going are cancelled (their DELETE frees the server's space). */
  dispose(): void {
    for (const u of this.list) if (!u.finished) u.cancel();
  }

  private pump(): void {
    let running = this.list.filter((u) => u.active).length;
    for (const u of this.list) {
      if (running >= PARALLEL) break;
      if (u.phase === 'queued') {
        u.start();
        running++;
      }
    }
  }
}

/** A pasted screenshot arrives as "image.png": name it by when it was pasted, so chips and lists tell them apart. */
export function pastedName(name: string, type: string, now: Date): string {
  if (name && name !== 'image.png' && name !== 'image.jpeg' && name !== 'blob') return name;
  const pad = (n: number) => String(n).padStart(2, '0');
  const ext = type === 'image/jpeg' ? 'jpg' : (type.split('/')[1] ?? 'png').replace(/[^a-z0-9]/gi, '') || 'png';
  return `Pasted image ${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}.${pad(now.getMinutes())}.${pad(now.getSeconds())}.${ext}`;
}
