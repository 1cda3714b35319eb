/**
 * One Files panel's list (a conversation's or a team's): all files or pictures only, newest
 * first, paged with nextCursor. Switching the view aborts a page still loading, so a late
 * answer never lands in the other view. One instance per open panel.
 */
import { Observable } from '../../store/observable';
import type { SharedFile } from '../../types';
import { errorText } from '../ui/Modal';
import type { FilesPage } from './filesApi';

export type FilesView = 'all' | 'pictures';

export class FilesList extends Observable {
  view: FilesView = 'all';
  files: SharedFile[] = [];
  nextCursor: string | null = null;
  loading = false;
  error: string | null = null;
  private generation = 0;

  constructor(private readonly load: (options: { kind?: 'image'; before?: string }) => Promise<FilesPage>) {
    super();
  }

  show(view: FilesView): Promise<void> {
    this.view = view;
    this.files = [];
    this.nextCursor = null;
    return this.page(undefined);
  }

  /** The error's "Try again": the view again from its first page. */
  reload(): Promise<void> {
    return this.show(this.view);
  }

  more(): Promise<void> {
    if (!this.nextCursor || this.loading) return Promise.resolve();
    return this.page(this.nextCursor);
  }

  private async page(before: string | undefined): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    this.error = null;
    this.changed();
    try {
      const page = await this.load({ kind: this.view === 'pictures' ? 'image' : undefined, before });
      if (generation !== this.generation) return;
      const seen = new Set(this.files.map((f) => f.id + f.messageId));
      this.files = [...this.files, ...(page.files ?? []).filter((f) => !seen.has(f.id + f.messageId))];
      this.nextCursor = page.nextCursor ?? null;
    } catch (e) {
      if (generation !== this.generation) return;
      this.error = errorText(e, 'Could not load the files. Try again.');
    }
    this.loading = false;
    this.changed();
  }
}
