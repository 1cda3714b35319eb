/**
 * The calendar's state: which days are shown, the occurrences in them (from GET
 * /api/v1/meetings?from=&to=), and invitation toasts. Any meeting.* user event reloads the range
 * shown, so a meeting scheduled, moved or cancelled elsewhere appears without a refresh.
 */
import type { Dispatcher } from '../../protocol/dispatch';
import type { MeetingSnapshot } from '../../protocol/events';
import { Observable } from '../../store/observable';
import { browserZone, visibleRange, wallClock, type CalendarView, type VisibleRange } from './dates';
import type { MeetingsRemote, Occurrence } from './meetingsApi';

export interface InvitationToast {
  id: string;
  meeting: MeetingSnapshot;
  by: string;
}

export interface CalendarHost {
  meId: string;
  /** The stream is live (not replaying): replayed invitations do not pop up. */
  live(): boolean;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

/** How long an invitation toast stays. */
export const INVITATION_TOAST_MS = 12_000;

export class CalendarStore extends Observable {
  private viewKind: CalendarView = 'week';
  private anchorDate: string;
  private items: Occurrence[] | null = null;
  private failure: string | null = null;
  private loadedKey = '';
  private loads = 0;
  private toastList: InvitationToast[] = [];
  /** Bumped on every meeting event: an open details dialog reads its meeting again. */
  private revision = 0;

  constructor(
    private readonly remote: MeetingsRemote,
    private readonly host: CalendarHost,
    readonly zone: string = browserZone(),
    now: Date = new Date(),
  ) {
    super();
    this.anchorDate = wallClock(now, zone).date;
  }

  /** Listens for meeting events; the answer stops listening (the calendar lives with the shell). */
  register(d: Dispatcher): () => void {
    const offs = [
      d.onUserEvent('meeting.invited', (e) => {
        this.toast(e.meeting, e.by);
        this.meetingsChanged();
      }),
      d.onUserEvent('meeting.updated', () => this.meetingsChanged()),
      d.onUserEvent('meeting.cancelled', (e) => {
        this.toastList = this.toastList.filter((t) => t.meeting.meetingId !== e.meetingId);
        this.meetingsChanged();
      }),
    ];
    return () => offs.forEach((off) => off());
  }

  view(): CalendarView {
    return this.viewKind;
  }
  anchor(): string {
    return this.anchorDate;
  }
  range(): VisibleRange {
    return visibleRange(this.viewKind, this.anchorDate, this.zone);
  }
  occurrences(): Occurrence[] | null {
    return this.items;
  }
  error(): string | null {
    return this.failure;
  }
  meetingRevision(): number {
    return this.revision;
  }
  toasts(): InvitationToast[] {
    return this.toastList;
  }

  show(view: CalendarView, anchor: string): void {
    if (view === this.viewKind && anchor === this.anchorDate) return;
    this.viewKind = view;
    this.anchorDate = anchor;
    this.changed();
    void this.load();
  }

  /** Loads the range shown (again when `force`); a slower answer for an older range is dropped. */
  async load(force = false): Promise<void> {
    const r = this.range();
    const key = `${r.from.toISOString()}/${r.to.toISOString()}`;
    if (!force && key === this.loadedKey && this.items) return;
    const ticket = ++this.loads;
    try {
      const items = await this.remote.occurrences(r.from, r.to);
      if (ticket !== this.loads) return;
      this.items = items;
      this.loadedKey = key;
      this.failure = null;
    } catch {
      if (ticket !== this.loads) return;
      this.failure = 'Could not load meetings. Check the connection and try again.';
    }
    this.changed();
  }

  /** After this device scheduled, changed or cancelled a meeting (its own event follows too). */
  meetingsChanged(): void {
    this.revision++;
    this.changed();
    void this.load(true);
  }

  dismiss(id: string): void {
    const before = this.toastList.length;
    this.toastList = this.toastList.filter((t) => t.id !== id);
    if (this.toastList.length !== before) this.changed();
  }

  private toast(meeting: MeetingSnapshot, by: string): void {
    if (!this.host.live() || by === this.host.meId) return;
    const id = `invite-${meeting.meetingId}-${meeting.sequence}`;
    if (this.toastList.some((t) => t.id === id)) return;
    this.toastList = [...this.toastList, { id, meeting, by }].slice(-3);
    (this.host.setTimer ?? ((fn, ms) => setTimeout(fn, ms)))(() => this.dismiss(id), INVITATION_TOAST_MS);
  }
}
