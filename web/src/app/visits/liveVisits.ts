/**
 * Keeping the ward's visits fresh (docs/virtual-visits.md, "Joining"): the time now for buttons
 * that enable as visits start, a reload when a call's lobby or roster changes (hosts and team
 * members get `call.lobby` for a visit's call, so "Waiting" shows within a second), and today's
 * visits of every calendar for the rail's count and the kiosk.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Dispatcher } from '../../protocol/dispatch';
import { errorText } from '../ui/Modal';
import type { Visit, VisitCalendar, VisitsRemote } from './api';
import { londonDate } from './visitsModel';

/** The time now, again every `everyMs`: buttons enable as visits start. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

/**
 * A lobby or roster frame, or a reconnect (frames are not replayed), reloads the visits: at most
 * once per LIVE_DELAY_MS, so a burst of roster frames (people muting, a camera going off) is one
 * request, and the first frame of a burst is never held back by the ones after it.
 */
export const LIVE_DELAY_MS = 400;
export function useLiveReload(dispatcher: Dispatcher, reload: () => unknown, delayMs = LIVE_DELAY_MS): void {
  const latest = useRef(reload);
  latest.current = reload;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const soon = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void latest.current();
      }, delayMs);
    };
    const offs = [dispatcher.onFrame('call.lobby', soon), dispatcher.onFrame('call.roster', soon), dispatcher.onFrame('ready', soon)];
    return () => {
      for (const off of offs) off();
      if (timer) clearTimeout(timer);
    };
  }, [dispatcher, delayMs]);
}

/** Every 60 s and when the window gets focus, besides the frames. */
export const REFRESH_MS = 60_000;
export function usePeriodicReload(reload: () => unknown): void {
  useEffect(() => {
    void reload();
    const onFocus = () => void reload();
    window.addEventListener('focus', onFocus);
    const t = setInterval(() => void reload(), REFRESH_MS);
    return () => {
      window.removeEventListener('focus', onFocus);
      clearInterval(t);
    };
  }, [reload]);
}

/**
 * At most this many calendars are read for the rail's count: a person sees the calendars of their
 * teams (one or two); an organisation admin sees every calendar of the organisation, and the
 * count is not worth a request per calendar per lobby change for them.
 */
export const MAX_COUNTED_CALENDARS = 8;

/**
 * Today's visits (Europe/London) of these calendars, by calendar, kept fresh as above; each
 * answer's visits are told to `tell` (tellCalls: the call view's names and lobbies). A calendar that fails
 * to load keeps what it had.
 */
export function useTodayVisits(
  remote: VisitsRemote,
  calendars: readonly VisitCalendar[] | null,
  dispatcher: Dispatcher,
  /** Told every answer's visits (tellCalls: the call view's names and lobbies). */
  tell: (visits: Visit[]) => void,
) {
  const [byCalendar, setByCalendar] = useState<ReadonlyMap<string, Visit[]>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState(false);
  const ids = (calendars ?? []).slice(0, MAX_COUNTED_CALENDARS).map((c) => c.id).join(' ');
  const told = useRef(tell);
  told.current = tell;
  const reload = useCallback(async () => {
    const list = ids ? ids.split(' ') : [];
    const from = londonDate(Date.now());
    const answers = await Promise.allSettled(list.map((id) => remote.visits(id, from, 1).then((vs) => [id, vs] as const)));
    setByCalendar((before) => {
      const next = new Map<string, Visit[]>();
      for (const id of list) if (before.has(id)) next.set(id, before.get(id)!);
      for (const a of answers) if (a.status === 'fulfilled') next.set(a.value[0], a.value[1]);
      return next;
    });
    setError(answers.some((a) => a.status === 'rejected'));
    setLoaded(true);
    told.current(answers.flatMap((a) => (a.status === 'fulfilled' ? a.value[1] : [])));
  }, [remote, ids]);
  usePeriodicReload(reload);
  useLiveReload(dispatcher, reload);
  return { byCalendar, loaded, error, reload };
}

/**
 * The booking calendars I may see (GET /api/v1/visit-calendars), loaded once for the rail (the
 * Visits entry shows only when there is one) and again on `reload` (after a new calendar or a
 * Settings change) and when the window gets focus.
 */
export function useVisitCalendars(remote: VisitsRemote) {
  const [calendars, setCalendars] = useState<VisitCalendar[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(
    () =>
      remote.calendars().then(
        (cs) => {
          setCalendars(cs);
          setError(null);
        },
        (e) => setError(errorText(e, 'Could not load the visiting calendars.')),
      ),
    [remote],
  );
  useEffect(() => {
    void reload();
    const onFocus = () => void reload();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [reload]);
  return { calendars, error, reload };
}
