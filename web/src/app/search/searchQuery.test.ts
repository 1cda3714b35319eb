import { describe, expect, it } from 'vitest';
import { canSearch, dateBounds, MAX_QUERY_LENGTH, queryTerms, searchParams } from './searchQuery';
import { NO_FILTERS } from './searchTypes';

const now = new Date(2026, 11, 7, 14, 30); // 7 Dec 2026, 14:30 local

describe('searchParams', () => {
  it('sends the trimmed text with the page size and nothing else when no filter is chosen', () => {
    expect(searchParams('  bed 14 K+ ', NO_FILTERS, { now }).toString()).toBe('q=bed+14+K%2B&limit=20');
  });

  it('cuts the text at the length the server accepts', () => {
    expect(searchParams('x'.repeat(300), NO_FILTERS, { now }).get('q')).toHaveLength(MAX_QUERY_LENGTH);
  });

  it('sends every filter by its contract name, and asks only for messages and files', () => {
    const p = searchParams('ecg', { ...NO_FILTERS, in: 'c1', from: { id: 'u1', name: 'Sam' }, hasFile: true, mentionsMe: true }, { now });
    expect(p.get('in')).toBe('c1');
    expect(p.get('from')).toBe('u1');
    expect(p.get('has')).toBe('file');
    expect(p.get('mentions')).toBe('me');
    expect(p.get('types')).toBe('messages,files');
  });

  it('asks for messages only with a filter that only messages have', () => {
    expect(searchParams('', { ...NO_FILTERS, mentionsMe: true }, { now }).get('types')).toBe('messages');
  });

  it('asks for the next page of messages alone with the cursor', () => {
    const p = searchParams('ecg', NO_FILTERS, { now, cursor: 'abc' });
    expect(p.get('cursor')).toBe('abc');
    expect(p.get('types')).toBe('messages');
  });
});

describe('dateBounds', () => {
  it('today starts at local midnight', () => {
    expect(dateBounds({ range: 'today' }, now)).toEqual({ after: new Date(2026, 11, 7).toISOString() });
  });

  it('the last 7 days are today and the six days before it', () => {
    expect(dateBounds({ range: 'week' }, now)).toEqual({ after: new Date(2026, 11, 1).toISOString() });
  });

  it('a custom range runs from the start of its first day to the end of its last', () => {
    expect(dateBounds({ range: 'custom', fromDate: '2026-11-30', toDate: '2026-12-02' }, now)).toEqual({
      after: new Date(2026, 10, 30).toISOString(),
      before: new Date(2026, 11, 3).toISOString(),
    });
  });

  it('a custom range with one end or a bad date sends only what it has', () => {
    expect(dateBounds({ range: 'custom', toDate: 'nonsense', fromDate: '2026-12-01' }, now)).toEqual({ after: new Date(2026, 11, 1).toISOString() });
    expect(dateBounds({ range: 'custom' }, now)).toEqual({});
  });

  it('any time sends no dates', () => {
    expect(dateBounds({ range: 'any' }, now)).toEqual({});
  });
});

describe('canSearch', () => {
  it('needs text or a filter, as the server does', () => {
    expect(canSearch('   ', NO_FILTERS)).toBe(false);
    expect(canSearch('k', NO_FILTERS)).toBe(true);
    expect(canSearch('', { ...NO_FILTERS, hasFile: true })).toBe(true);
    expect(canSearch('', { ...NO_FILTERS, range: 'custom' })).toBe(false);
    expect(canSearch('', { ...NO_FILTERS, range: 'today' })).toBe(true);
  });
});

describe('queryTerms', () => {
  it('splits words and keeps quoted phrases whole, longest first', () => {
    expect(queryTerms('K+ "bed 14" sats')).toEqual(['bed 14', 'sats', 'K+']);
  });

  it('ignores empty quotes and repeated words', () => {
    expect(queryTerms('"" hb hb "')).toEqual(['hb']);
  });
});
