/**
 * The formatting toolbar's text changes: markdown written around (or at the start of the lines
 * of) the selection in the message box, and taken off again when it is already there. Pure, so
 * every case is tested without a browser (format.test.ts).
 */

export type Format = 'bold' | 'italic' | 'bullets' | 'numbers' | 'code' | 'link' | 'quote';

/** The text and the selection after a change (start <= end, offsets in UTF-16 units). */
export interface Edit {
  value: string;
  start: number;
  end: number;
}

const WRAP: Partial<Record<Format, string>> = { bold: '**', italic: '_', code: '`' };

export function applyFormat(value: string, start: number, end: number, format: Format): Edit {
  if (start > end) [start, end] = [end, start];
  switch (format) {
    case 'bold':
    case 'italic':
      return wrap(value, start, end, WRAP[format]!);
    case 'code':
      return value.slice(start, end).includes('\n') ? fence(value, start, end) : wrap(value, start, end, '`');
    case 'link':
      return link(value, start, end);
    case 'bullets':
      return prefixLines(value, start, end, () => '- ', /^- /);
    case 'numbers':
      return prefixLines(value, start, end, (i) => `${i + 1}. `, /^\d+\. /);
    case 'quote':
      return prefixLines(value, start, end, () => '> ', /^> ?/);
  }
}

/** Replaces the selection with `text`, the caret after it (an emoji from the picker). */
export function insertText(value: string, start: number, end: number, text: string): Edit {
  const caret = start + text.length;
  return { value: value.slice(0, start) + text + value.slice(end), start: caret, end: caret };
}

/**
 * `**selection**`, keeping the spaces a double-click selects outside the markers (`**word** `
 * is bold, `**word **` is not). Already wrapped (inside or just outside the selection): unwrapped.
 */
function wrap(value: string, start: number, end: number, marker: string): Edit {
  const n = marker.length;
  let s = start;
  let e = end;
  while (s < e && /\s/.test(value[s])) s++;
  while (e > s && /\s/.test(value[e - 1])) e--;
  const inner = value.slice(s, e);
  if (value.slice(s - n, s) === marker && value.slice(e, e + n) === marker && !(marker === '*' && value[s - n - 1] === '*')) {
    return { value: value.slice(0, s - n) + inner + value.slice(e + n), start: s - n, end: e - n };
  }
  if (inner.length >= 2 * n && inner.startsWith(marker) && inner.endsWith(marker)) {
    const bare = inner.slice(n, inner.length - n);
    return { value: value.slice(0, s) + bare + value.slice(e), start: s, end: s + bare.length };
  }
  return { value: value.slice(0, s) + marker + inner + marker + value.slice(e), start: s + n, end: e + n };
}

/** A fenced code block on lines of its own. */
function fence(value: string, start: number, end: number): Edit {
  const before = start > 0 && value[start - 1] !== '\n' ? '\n' : '';
  const after = end < value.length && value[end] !== '\n' ? '\n' : '';
  const inner = value.slice(start, end).replace(/\n$/, '');
  const head = `${before}\`\`\`\n`;
  const next = value.slice(0, start) + head + inner + '\n```' + after + value.slice(end);
  return { value: next, start: start + head.length, end: start + head.length + inner.length };
}

/**
 * `[selection](url)` with "url" selected to type over; a selected address becomes the link's
 * target with "link text" selected instead.
 */
function link(value: string, start: number, end: number): Edit {
  const selected = value.slice(start, end).trim();
  if (/^(https?:\/\/|mailto:)\S+$/i.test(selected)) {
    const text = 'link text';
    return { value: `${value.slice(0, start)}[${text}](${selected})${value.slice(end)}`, start: start + 1, end: start + 1 + text.length };
  }
  const text = selected || 'link text';
  const url = 'https://';
  const head = `[${text}](`;
  return {
    value: value.slice(0, start) + head + url + ')' + value.slice(end),
    start: selected ? start + head.length : start + 1,
    end: selected ? start + head.length + url.length : start + 1 + text.length,
  };
}

/**
 * Puts `prefix(i)` at the start of every line the selection touches (blank lines are skipped
 * and not numbered); when every non-blank line already has one (`existing`), takes them off.
 */
function prefixLines(value: string, start: number, end: number, prefix: (i: number) => string, existing: RegExp): Edit {
  const from = value.lastIndexOf('\n', start - 1) + 1;
  let to = value.indexOf('\n', end > start && value[end - 1] === '\n' ? end - 1 : end);
  if (to < 0) to = value.length;
  const lines = value.slice(from, to).split('\n');
  const filled = lines.filter((l) => l.trim() !== '');
  const remove = filled.length > 0 && filled.every((l) => existing.test(l));
  let i = 0;
  const changed = lines.map((l) => {
    if (remove) return l.replace(existing, '');
    if (l.trim() === '' && lines.length > 1) return l;
    // Another list's or a quote's marker is replaced, not stacked.
    return prefix(i++) + l.replace(/^(- |\d+\. |> ?)/, '');
  });
  const block = changed.join('\n');
  const next = value.slice(0, from) + block + value.slice(to);
  // A caret in one empty line lands after the new marker, ready to type.
  if (start === end && lines.length === 1 && lines[0] === '') return { value: next, start: from + block.length, end: from + block.length };
  return { value: next, start: from, end: from + block.length };
}

/** The format a key press asks for in the message box (Ctrl/⌘+B, Ctrl/⌘+I), if any. */
export function formatForKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): Format | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return null;
  const k = e.key.toLowerCase();
  return k === 'b' ? 'bold' : k === 'i' ? 'italic' : null;
}
