import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { clockLabel, dayHeading, hourLabel, layoutBlocks, wallClock } from './dates';
import type { Occurrence } from './meetingsApi';

/** One hour's height in pixels: 07:00–20:00 fits a laptop screen; the rest scrolls. */
export const HOUR_PX = 48;
/** The hour the grid opens at (earlier hours are above, a scroll away). */
export const FIRST_HOUR = 7;

export const spanOf = (o: Occurrence) => ({ start: new Date(o.startsAt), end: new Date(o.endsAt) });

/** "13:00–14:00" in the person's format, in the grid's zone. */
export function occurrenceTimes(o: Occurrence, zone: string, hour12: boolean): string {
  const s = wallClock(new Date(o.startsAt), zone);
  const e = wallClock(new Date(o.endsAt), zone);
  return `${clockLabel(s.minutes, hour12)}–${clockLabel(e.minutes, hour12)}`;
}

/** The wall-clock minute now, re-read every 30 s (the current-time line moves with it). */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/** What the week grid and the phone's agenda both show: these days' meetings, in this zone. */
interface CalendarViewProps {
  days: string[];
  zone: string;
  hour12: boolean;
  occurrences: Occurrence[];
  onOpen: (o: Occurrence) => void;
}

/**
 * Day columns with hour rows (all 24 hours, opened scrolled to 07:00), each meeting a block at
 * its wall-clock time, overlapping ones side by side, and a line at the current time today.
 */
export function TimeGrid({
  days,
  zone,
  hour12,
  occurrences,
  onOpen,
}: CalendarViewProps) {
  const body = useRef<HTMLDivElement>(null);
  const now = useNow();
  const today = wallClock(now, zone);
  const blocks = layoutBlocks(occurrences, spanOf, days, zone);
  // Opens at 07:00, or earlier when a meeting shown (or the time now, today) is earlier; a little
  // above it, so the label of that hour is not cut in half.
  const earliest = Math.min(FIRST_HOUR * 60, ...blocks.map((b) => b.top), days.includes(today.date) ? today.minutes - 30 : Infinity);
  useLayoutEffect(() => {
    if (body.current) body.current.scrollTop = Math.max(0, (earliest / 60) * HOUR_PX - 10);
    // Only when the grid opens: later the person's own scrolling stands.
  }, []);
  const hours = Array.from({ length: 24 }, (_, h) => h);
  const template = `var(--gutter) repeat(${days.length}, minmax(0, 1fr))`;

  return (
    <div className={`time-grid${days.length === 1 ? ' one-day' : ''}`}>
      <div className="grid-head" style={{ gridTemplateColumns: template }}>
        <span aria-hidden="true" />
        {days.map((d) => (
          <h3 key={d} className={`grid-day${d === today.date ? ' today' : ''}`} aria-current={d === today.date ? 'date' : undefined}>
            {dayHeading(d, days.length === 1)}
          </h3>
        ))}
      </div>
      <div className="grid-body" ref={body} tabIndex={0} aria-label="Meetings by hour">
        <div className="grid-inner" style={{ gridTemplateColumns: template, height: 24 * HOUR_PX }}>
          <div className="grid-hours" aria-hidden="true">
            {hours.map((h) => (
              <span key={h} className="grid-hour" style={{ top: h * HOUR_PX }}>
                {h === 0 ? '' : hourLabel(h, hour12)}
              </span>
            ))}
          </div>
          {days.map((d) => (
            <ul key={d} className={`grid-column${d === today.date ? ' today' : ''}`} aria-label={dayHeading(d, true)}>
              {blocks
                .filter((b) => b.date === d)
                .map((b) => {
                  const o = b.item;
                  const times = occurrenceTimes(o, zone, hour12);
                  return (
                    <li
                      key={`${o.meetingId}-${o.occurrence}`}
                      className="grid-block-slot"
                      style={{
                        top: (b.top / 60) * HOUR_PX,
                        height: Math.max((b.height / 60) * HOUR_PX - 2, 22),
                        left: `${(b.column / b.columns) * 100}%`,
                        width: `${100 / b.columns}%`,
                      }}
                    >
                      <button
                        type="button"
                        className={`meeting-block${o.response === 'declined' ? ' declined' : ''}${b.height < 40 ? ' short' : ''}`}
                        data-meeting-id={o.meetingId}
                        onClick={() => onOpen(o)}
                      >
                        <span className="meeting-title">{o.title}</span>
                        <span className="meeting-time">{times}</span>
                      </button>
                    </li>
                  );
                })}
              {d === today.date && (
                <li className="now-line" style={{ top: (today.minutes / 60) * HOUR_PX }} aria-hidden="true" />
              )}
            </ul>
          ))}
        </div>
      </div>
    </div>
  );
}

/** On a phone the week is a list: each day with its meetings, in time order. */
export function Agenda({
  days,
  zone,
  hour12,
  occurrences,
  onOpen,
}: CalendarViewProps) {
  const today = wallClock(useNow(), zone).date;
  const blocks = layoutBlocks(occurrences, spanOf, days, zone);
  return (
    <ol className="agenda" aria-label="Meetings by day">
      {days.map((d) => {
        const mine = blocks.filter((b) => b.date === d).sort((a, b) => a.top - b.top);
        return (
          <li key={d} className={`agenda-day${d === today ? ' today' : ''}`}>
            <h3 aria-current={d === today ? 'date' : undefined}>
              {dayHeading(d, true)}
              {d === today && <span className="today-tag"> · Today</span>}
            </h3>
            {mine.length === 0 ? (
              <p className="muted small">No meetings</p>
            ) : (
              <ul>
                {mine.map((b) => (
                  <li key={`${b.item.meetingId}-${b.item.occurrence}`}>
                    <button type="button" className="meeting-block agenda-item" data-meeting-id={b.item.meetingId} onClick={() => onOpen(b.item)}>
                      <span className="meeting-time">{occurrenceTimes(b.item, zone, hour12)}</span>
                      <span className="meeting-title">{b.item.title}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
