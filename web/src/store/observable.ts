/**
 * The one change-notification pattern every store shares: listeners, a version number that
 * grows with each change, and `changed()` to bump it. React reads a store through
 * useSyncExternalStore(store.subscribe, store.version) (app/useStore.ts); the version is the
 * snapshot, so a change anywhere in the store re-renders the components that read it.
 */
export class Observable {
  private readonly listeners = new Set<() => void>();
  private ver = 0;

  /** Arrow functions, so they can be handed to useSyncExternalStore unbound. */
  readonly subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  };

  readonly version = (): number => this.ver;

  protected changed(): void {
    this.ver++;
    // A copy: a listener may unsubscribe (a component unmounting) while we notify.
    for (const fn of [...this.listeners]) fn();
  }
}
