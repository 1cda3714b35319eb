import { describe, expect, it } from 'vitest';
import { applyFormat, formatForKey, insertText } from './format';

/** The text with the selection drawn as [ and ] (or | for a caret), for readable cases. */
function show(e: { value: string; start: number; end: number }): string {
  if (e.start === e.end) return e.value.slice(0, e.start) + '|' + e.value.slice(e.start);
  return e.value.slice(0, e.start) + '[' + e.value.slice(e.start, e.end) + ']' + e.value.slice(e.end);
}

/** Applies a format to a text whose selection is drawn as [ and ] (or |). */
function run(marked: string, format: Parameters<typeof applyFormat>[3]): string {
  const caret = marked.indexOf('|');
  let value: string;
  let start: number;
  let end: number;
  if (caret >= 0) {
    value = marked.replace('|', '');
    start = end = caret;
  } else {
    start = marked.indexOf('[');
    end = marked.indexOf(']') - 1;
    value = marked.replace('[', '').replace(']', '');
  }
  return show(applyFormat(value, start, end, format));
}

describe('bold and italic', () => {
  it('wraps the selection and keeps it selected', () => {
    expect(run('give [furosemide] now', 'bold')).toBe('give **[furosemide]** now');
    expect(run('give [furosemide] now', 'italic')).toBe('give _[furosemide]_ now');
  });
  it('leaves the spaces a double-click selects outside the markers', () => {
    expect(run('give [furosemide ]now', 'bold')).toBe('give **[furosemide]** now');
  });
  it('puts the caret between the markers when nothing is selected', () => {
    expect(run('note: |', 'bold')).toBe('note: **|**');
  });
  it('takes the markers off again, inside or just outside the selection', () => {
    expect(run('give **[furosemide]** now', 'bold')).toBe('give [furosemide] now');
    expect(run('give [**furosemide**] now', 'bold')).toBe('give [furosemide] now');
    expect(run('give _[stat]_', 'italic')).toBe('give [stat]');
  });
});

describe('code', () => {
  it('is inline on one line and a fenced block over several', () => {
    expect(run('run [npm ci] first', 'code')).toBe('run `[npm ci]` first');
    expect(run('log:\n[line 1\nline 2]', 'code')).toBe('log:\n```\n[line 1\nline 2]\n```');
    expect(run('a [b\nc] d', 'code')).toBe('a \n```\n[b\nc]\n```\n d');
  });
});

describe('link', () => {
  it('links the selected words and selects the address to type', () => {
    expect(run('see [the protocol] here', 'link')).toBe('see [the protocol]([https://]) here');
  });
  it('makes a selected address the target', () => {
    expect(run('see [https://nhs.uk/a]', 'link')).toBe('see [[link text]](https://nhs.uk/a)');
  });
  it('offers link text to type over when nothing is selected', () => {
    expect(run('see |', 'link')).toBe('see [[link text]](https://)');
  });
});

describe('lists and quotes', () => {
  it('bullets every line the selection touches', () => {
    expect(run('Plan:\nob[s 4-hourly\nrepeat U&E]s', 'bullets')).toBe('Plan:\n[- obs 4-hourly\n- repeat U&Es]');
  });
  it('numbers them, skipping blank lines', () => {
    expect(run('[obs\n\nbloods\nECG]', 'numbers')).toBe('[1. obs\n\n2. bloods\n3. ECG]');
  });
  it('turns one kind of list into the other', () => {
    expect(run('[- obs\n- bloods]', 'numbers')).toBe('[1. obs\n2. bloods]');
  });
  it('takes the markers off when every line has one', () => {
    expect(run('[- obs\n- bloods]', 'bullets')).toBe('[obs\nbloods]');
    expect(run('[> quoted]', 'quote')).toBe('[quoted]');
  });
  it('quotes a line and starts a list in an empty one', () => {
    expect(run('he said [stop]', 'quote')).toBe('[> he said stop]');
    expect(run('Plan:\n|', 'bullets')).toBe('Plan:\n- |');
  });
});

describe('keys and insertion', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) =>
    formatForKey({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
  it('Ctrl+B is bold and Ctrl+I italic (⌘ on a Mac); other keys nothing', () => {
    expect(key('b', { ctrlKey: true })).toBe('bold');
    expect(key('I', { metaKey: true })).toBe('italic');
    expect(key('b')).toBeNull();
    expect(key('b', { ctrlKey: true, shiftKey: true })).toBeNull();
    expect(key('k', { ctrlKey: true })).toBeNull();
  });
  it('inserts an emoji over the selection, caret after it', () => {
    expect(show(insertText('ok then', 3, 7, '👍🏽'))).toBe('ok 👍🏽|');
  });
});
