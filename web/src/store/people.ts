/**
 * Profiles of the people the caller sees (names, job titles, organisations), looked up in
 * batches as conversations, messages and other screens name them. Framework-free; an
 * Observable for React.
 */
import type { Dispatcher } from '../protocol/dispatch';
import type { Me, Profile } from '../types';
import { Observable } from './observable';

/** The directory answers at most this many ids per request. */
const LOOKUP_BATCH = 200;
/** Look-ups wait this long so that a burst of events asks once. */
const LOOKUP_DELAY_MS = 50;

export interface PeopleOptions {
  /** Profiles by id; ids it does not answer for are remembered as unknown. */
  lookup: (ids: string[]) => Promise<Profile[]>;
  /** Ids that conversations and loaded messages refer to. */
  referenced: () => Iterable<string>;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class PeopleStore extends Observable {
  private people = new Map<string, Profile>();
  /** People named outside conversations and messages (activity actors, channel members), to look up. */
  private wanted = new Set<string>();
  private timer: unknown = null;

  constructor(
    /** The signed-in person. */
    readonly me: Me,
    private readonly options: PeopleOptions,
  ) {
    super();
    this.people.set(me.id, { ...me });
  }

  /** Every conversation event may name someone new (an author, a mention, a member). */
  register(d: Dispatcher): void {
    d.afterConversationEvent(() => this.lookUpSoon());
  }

  addPeople(ps: Profile[]): void {
    for (const p of ps) this.people.set(p.id, p);
    if (ps.length) this.changed();
  }

  person(id: string): Profile | undefined {
    return this.people.get(id);
  }

  /** Ids referred to whose profiles are not known yet. */
  unknownPeople(): string[] {
    return [...new Set(this.options.referenced())].filter((id) => !this.people.has(id));
  }

  /** Look these people up too (soon, with everything else unknown). */
  want(ids: Iterable<string>): void {
    for (const id of ids) this.wanted.add(id);
    this.lookUpSoon();
  }

  /** Look up everyone referred to or wanted who is not known, once a burst of changes is over. */
  lookUpSoon(): void {
    if (this.timer !== null) return;
    const setTimer = this.options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.timer = setTimer(() => {
      this.timer = null;
      const ids = [...new Set([...this.unknownPeople(), ...[...this.wanted].filter((id) => !this.people.has(id))])];
      for (let i = 0; i < ids.length; i += LOOKUP_BATCH) {
        const chunk = ids.slice(i, i + LOOKUP_BATCH);
        this.options
          .lookup(chunk)
          .then((ps) => {
            // Remember ids the server did not answer for, so we do not ask again and again.
            const found = new Set(ps.map((p) => p.id));
            this.addPeople([...ps, ...chunk.filter((id) => !found.has(id)).map((id) => ({ id, displayName: 'Unknown person' }))]);
          })
          .catch(() => {});
      }
    }, LOOKUP_DELAY_MS);
  }

  /** Profiles of people about to be shown, now (failures are the caller's). */
  async load(ids: string[]): Promise<void> {
    const unknown = ids.filter((id) => !this.people.has(id));
    for (let i = 0; i < unknown.length; i += LOOKUP_BATCH) this.addPeople(await this.options.lookup(unknown.slice(i, i + LOOKUP_BATCH)));
  }

  stop(): void {
    if (this.timer !== null) (this.options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>)))(this.timer);
    this.timer = null;
  }
}
