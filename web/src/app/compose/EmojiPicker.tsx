import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { COMMON_EMOJI, EmojiPrefs, GROUPS, searchEmoji, SKIN_TONES, withSkin, type EmojiEntry } from './emoji';
import { loadEmoji } from './emojiData';
import './compose.css';

/** Columns of the grid (arrow keys move by this much up and down); matches compose.css. */
const COLUMNS = 8;
/** At most this many recent emoji show, then the common ones fill the row. */
const QUICK_MAX = 16;
const TONE_SAMPLE = ['✋', '✋🏻', '✋🏼', '✋🏽', '✋🏾', '✋🏿'];

/**
 * The emoji picker: a non-modal popup beside the button that opened it. Search by name or
 * keyword, the person's recent emoji (then the common ones) at the top, a skin tone for the
 * emoji that have them, and the whole set by category. The set loads on first opening (its own
 * chunk). Escape closes it in one press and focus goes back to the opener; so does a pick.
 *
 * The recent row's buttons are named "`{actionLabel}` 👍"; the grid's by the emoji's name.
 */
export function EmojiPicker({
  id,
  meId,
  actionLabel,
  anchor,
  onPick,
  onClose,
}: {
  id?: string;
  meId: string;
  actionLabel: string;
  /** The button that opened the picker: it is placed beside it and focus returns to it. */
  anchor: HTMLElement | null;
  onPick: (emoji: string) => void;
  onClose: () => void;
}) {
  const prefs = useMemo(() => new EmojiPrefs(meId), [meId]);
  const [entries, setEntries] = useState<EmojiEntry[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState('');
  const [group, setGroup] = useState(GROUPS[0].id);
  const [tone, setTone] = useState(() => prefs.tone());
  const [recent] = useState(() => prefs.recent());
  const box = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ top: number; left: number; width: number } | null>(null);
  const titleId = useId();
  const statusId = useId();

  const load = () => {
    setFailed(false);
    loadEmoji().then(setEntries, () => setFailed(true));
  };
  useEffect(load, []);

  const close = () => {
    onClose();
    if (anchor?.isConnected) anchor.focus();
  };
  const pick = (emoji: string) => {
    prefs.used(emoji);
    onPick(emoji);
    onClose();
    // After the key press that picked is over (Enter moving focus to the opener at once would
    // press it again), and only if onPick did not put the focus somewhere (the message box).
    requestAnimationFrame(() => {
      const at = document.activeElement;
      if (anchor?.isConnected && (!at || at === document.body)) anchor.focus();
    });
  };

  // Beside the opener, inside the window: below it if there is room, else above.
  useLayoutEffect(() => {
    const place = () => {
      const r = anchor?.getBoundingClientRect();
      const vw = window.innerWidth;
      const vh = window.innerHeight;
      const width = Math.min(360, vw - 16);
      const height = box.current?.offsetHeight ?? 380;
      if (!r) return setPos({ top: 8, left: 8, width });
      const left = Math.max(8, Math.min(r.right - width, vw - width - 8));
      const top = r.bottom + 4 + height <= vh - 8 ? r.bottom + 4 : Math.max(8, r.top - 4 - height);
      setPos({ top, left, width });
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [anchor, entries !== null]);

  // Into the search box once placed (a hidden element cannot take focus).
  const focused = useRef(false);
  useEffect(() => {
    if (!pos || focused.current) return;
    focused.current = true;
    search.current?.focus();
  }, [pos]);

  // A press outside closes it (the opener toggles it itself).
  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!box.current?.contains(t) && !anchor?.contains(t)) onClose();
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [anchor, onClose]);

  const quick = [...new Set([...recent, ...COMMON_EMOJI])].slice(0, Math.max(QUICK_MAX, COMMON_EMOJI.length));
  const shown = !entries ? [] : query.trim() ? searchEmoji(entries, query) : entries.filter((e) => e.group === group);
  const groupName = GROUPS.find((g) => g.id === group)?.name ?? '';

  // Escape closes the picker in one press wherever the focus is, and nothing else (not the
  // thread panel or dialog around it): the capture phase runs before their handlers.
  const closeRef = useRef(close);
  closeRef.current = close;
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      closeRef.current();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, []);

  /** Arrow keys move through the grid; Home and End go to its ends. */
  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(grid.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS } as Record<string, number>;
    let next = -1;
    if (e.key in step) next = i + step[e.key];
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = buttons.length - 1;
    else return;
    e.preventDefault();
    if (next < 0 && e.key === 'ArrowUp') search.current?.focus();
    else buttons[Math.max(0, Math.min(buttons.length - 1, next))]?.focus();
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      grid.current?.querySelector('button')?.focus();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (query.trim() && shown[0]) pick(withSkin(shown[0], tone));
    }
  };

  return (
    <div
      id={id}
      ref={box}
      className="emoji-popover"
      role="dialog"
      aria-labelledby={titleId}
      style={pos ? { top: pos.top, left: pos.left, width: pos.width } : { visibility: 'hidden' }}
    >
      <h2 id={titleId} className="visually-hidden">
        Emoji
      </h2>
      <input
        ref={search}
        type="search"
        className="emoji-search"
        placeholder="Search emoji"
        aria-label="Search emoji"
        aria-describedby={statusId}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onSearchKey}
      />
      <div className="emoji-quick" role="group" aria-label="Recent">
        {quick.map((e) => (
          <button key={e} type="button" className="emoji-button" aria-label={`${actionLabel} ${e}`} title={e} onClick={() => pick(e)}>
            {e}
          </button>
        ))}
      </div>
      <div className="emoji-tones" role="group" aria-label="Skin tone">
        {SKIN_TONES.map((name, t) => (
          <button
            key={name}
            type="button"
            className="emoji-button tone"
            aria-pressed={tone === t}
            aria-label={`${name} skin tone`}
            title={`${name} skin tone`}
            onClick={() => {
              setTone(t);
              prefs.setTone(t);
            }}
          >
            {TONE_SAMPLE[t]}
          </button>
        ))}
      </div>
      {!query.trim() && (
        <div className="emoji-groups" role="group" aria-label="Categories">
          {GROUPS.map((g) => (
            <button
              key={g.id}
              type="button"
              className="emoji-button"
              aria-pressed={group === g.id}
              aria-label={g.name}
              title={g.name}
              onClick={() => setGroup(g.id)}
            >
              {g.icon}
            </button>
          ))}
        </div>
      )}
      <p id={statusId} className="emoji-status muted" aria-live="polite">
        {failed
          ? 'Could not load the emoji.'
          : !entries
            ? 'Loading emoji…'
            : query.trim()
              ? shown.length === 0
                ? 'No emoji match.'
                : `${shown.length} ${shown.length === 1 ? 'match' : 'matches'}`
              : groupName}
      </p>
      {failed && (
        <button type="button" className="secondary" onClick={load}>
          Try again
        </button>
      )}
      <div ref={grid} className="emoji-grid" role="group" aria-label={query.trim() ? 'Search results' : groupName} onKeyDown={onGridKey}>
        {shown.map((e) => {
          const emoji = withSkin(e, tone);
          return (
            <button key={e.emoji} type="button" className="emoji-button" aria-label={e.label} title={e.label} onClick={() => pick(emoji)}>
              <span aria-hidden="true">{emoji}</span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
