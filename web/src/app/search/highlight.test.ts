import { describe, expect, it } from 'vitest';
import { excerpt, highlightSegments } from './highlight';

describe('highlightSegments', () => {
  it('marks every case-insensitive occurrence of a term', () => {
    expect(highlightSegments('Bed 14 K+ 6.1, recheck bed 14', ['bed 14'])).toEqual([
      { text: 'Bed 14', hit: true },
      { text: ' K+ 6.1, recheck ', hit: false },
      { text: 'bed 14', hit: true },
    ]);
  });

  it('treats terms as text, not as regular expressions', () => {
    expect(highlightSegments('K+ 6.1 and KK', ['K+'])).toEqual([
      { text: 'K+', hit: true },
      { text: ' 6.1 and KK', hit: false },
    ]);
  });

  it('merges overlapping matches of different terms', () => {
    expect(highlightSegments('haemoglobin', ['haemo', 'moglo'])).toEqual([
      { text: 'haemoglo', hit: true },
      { text: 'bin', hit: false },
    ]);
  });

  it('keeps markup-like text as plain text segments (React renders them as text)', () => {
    const segments = highlightSegments('<img src=x onerror=alert(1)> bed', ['bed']);
    expect(segments.map((s) => s.text).join('')).toBe('<img src=x onerror=alert(1)> bed');
    expect(segments.filter((s) => s.hit).map((s) => s.text)).toEqual(['bed']);
  });

  it('keeps lengths right where lower-casing would change them', () => {
    const segments = highlightSegments('İstanbul bed', ['bed']);
    expect(segments).toEqual([
      { text: 'İstanbul ', hit: false },
      { text: 'bed', hit: true },
    ]);
  });

  it('returns the whole text when nothing is searched', () => {
    expect(highlightSegments('hello', [])).toEqual([{ text: 'hello', hit: false }]);
    expect(highlightSegments('', ['x'])).toEqual([]);
  });
});

describe('excerpt', () => {
  it('shows a long text around its first match', () => {
    const text = `${'a '.repeat(100)}bed 14 ${'b '.repeat(100)}`;
    const e = excerpt(text, ['bed 14'], 40);
    expect(e).toContain('bed 14');
    expect(e.startsWith('… ')).toBe(true);
    expect(e.endsWith(' …')).toBe(true);
  });

  it('leaves a short text as it is, with whitespace collapsed', () => {
    expect(excerpt('one\n\ntwo', ['two'])).toBe('one two');
  });
});
