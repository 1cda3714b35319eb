import { useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { EmojiPicker } from './EmojiPicker';
import { applyFormat, formatForKey, insertText, type Edit, type Format } from './format';
import './compose.css';

/** Line icons drawn in the button's text colour (no icon font). */
const BUTTONS: { format: Format; label: string; icon: ReactNode }[] = [
  { format: 'bold', label: 'Bold (Ctrl+B)', icon: <path d="M7 5h6a3.5 3.5 0 0 1 0 7H7zM7 12h7a3.5 3.5 0 0 1 0 7H7z" strokeWidth="2.6" /> },
  { format: 'italic', label: 'Italic (Ctrl+I)', icon: <path d="M10 5h8M6 19h8M14 5l-4 14" /> },
  {
    format: 'bullets',
    label: 'Bulleted list',
    icon: <path d="M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01" />,
  },
  { format: 'numbers', label: 'Numbered list', icon: <path d="M10 6h10M10 12h10M10 18h10M4 5l1.5-1v5M3.5 14.5a1.5 1.5 0 0 1 3 .5L4 19h3" /> },
  { format: 'code', label: 'Code', icon: <path d="M8 7l-5 5 5 5M16 7l5 5-5 5" /> },
  { format: 'link', label: 'Link', icon: <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1.2 1.2M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1.2-1.2" /> },
  { format: 'quote', label: 'Quote', icon: <path d="M5 7h5v5H7l-2 4M14 7h5v5h-3l-2 4" /> },
];

/** Whether the person unfolded the formatting buttons on a phone: kept while the page lives, across chats. */
let formattingShown = false;

/** Writes an edit into the message box: the new text through `onChange`, then the selection. */
function put(el: HTMLTextAreaElement, edit: Edit, onChange: (value: string) => void) {
  onChange(edit.value);
  requestAnimationFrame(() => {
    el.focus();
    el.setSelectionRange(edit.start, edit.end);
  });
}

/** Applies a format to the message box's selection. */
export function formatTextarea(el: HTMLTextAreaElement, format: Format, onChange: (value: string) => void) {
  put(el, applyFormat(el.value, el.selectionStart, el.selectionEnd, format), onChange);
}

/** Ctrl/⌘+B and Ctrl/⌘+I in the message box; true when the key was used. */
export function formatShortcut(e: KeyboardEvent<HTMLTextAreaElement>, onChange: (value: string) => void): boolean {
  const format = formatForKey(e);
  if (!format) return false;
  e.preventDefault();
  formatTextarea(e.currentTarget, format, onChange);
  return true;
}

/**
 * The buttons above the message box: bold, italic, lists, code, link and quote write markdown
 * around the selection (format.ts), and the emoji button inserts one at the caret. The buttons
 * keep the focus and selection in the box (mousedown does not take focus).
 */
export function FormattingToolbar({
  textarea,
  meId,
  onChange,
}: {
  textarea: RefObject<HTMLTextAreaElement | null>;
  meId: string;
  onChange: (value: string) => void;
}) {
  const [picker, setPicker] = useState(false);
  /** On a phone the formatting buttons fold away behind one button (compose.css), to keep the box in view. */
  const [expanded, setExpandedState] = useState(() => formattingShown);
  const setExpanded = (f: (v: boolean) => boolean) =>
    setExpandedState((v) => {
      formattingShown = f(v);
      return formattingShown;
    });
  const emojiButton = useRef<HTMLButtonElement>(null);
  /** The selection when the picker opened (the search box takes focus from the message box). */
  const selection = useRef<[number, number]>([0, 0]);
  return (
    <div className={`format-toolbar${expanded ? ' expanded' : ''}`} role="group" aria-label="Formatting">
      <button
        type="button"
        className="icon-button format-toggle"
        title="Formatting options"
        aria-expanded={expanded}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => setExpanded((v) => !v)}
      >
        <span aria-hidden="true">Aa</span>
        <span className="visually-hidden">Formatting options</span>
      </button>
      {BUTTONS.map((b, i) => (
        <span key={b.format} style={{ display: 'contents' }}>
          {(i === 2 || i === 4) && <span className="sep format-only" aria-hidden="true" />}
          <button
            type="button"
            className="icon-button format-only"
            title={b.label}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => textarea.current && formatTextarea(textarea.current, b.format, onChange)}
          >
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
              <g fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
                {b.icon}
              </g>
            </svg>
            <span className="visually-hidden">{b.label}</span>
          </button>
        </span>
      ))}
      <span className="sep" aria-hidden="true" />
      <button
        type="button"
        ref={emojiButton}
        className="icon-button"
        title="Emoji"
        aria-expanded={picker}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => {
          const el = textarea.current;
          if (el) selection.current = [el.selectionStart, el.selectionEnd];
          setPicker((v) => !v);
        }}
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <g fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
            <circle cx="12" cy="12" r="9" />
            <path d="M8.5 14.5a4.5 4.5 0 0 0 7 0" />
            <path d="M9 9.5h.01M15 9.5h.01" strokeWidth="3" />
          </g>
        </svg>
        <span className="visually-hidden">Emoji</span>
      </button>
      {picker && (
        <EmojiPicker
          meId={meId}
          actionLabel="Insert"
          anchor={emojiButton.current}
          onClose={() => setPicker(false)}
          onPick={(emoji) => {
            const el = textarea.current;
            if (!el) return;
            const [start, end] = selection.current;
            put(el, insertText(el.value, start, end, emoji), onChange);
          }}
        />
      )}
    </div>
  );
}
