import { describe, expect, it } from 'vitest';
import { everyoneMentions, insertMention, matchCandidates, mentionQuery, toWireText } from './mentions';

const people = [
  { id: 'b0b', label: 'Dr Bob Adeyemi' },
  { id: 'a11', label: 'Alice Moreno' },
  { id: 'e11', label: 'Élodie Brun' },
  { id: 'ann', label: 'Ann' },
  { id: 'annl', label: 'Ann Lee' },
];

describe('mentionQuery', () => {
  it('finds the name being typed after an @ at the start or after a space', () => {
    expect(mentionQuery('@bo', 3)).toEqual({ start: 0, query: 'bo' });
    expect(mentionQuery('Thanks @Bob Ad', 14)).toEqual({ start: 7, query: 'Bob Ad' });
    expect(mentionQuery('ask (@al', 8)).toEqual({ start: 5, query: 'al' });
    expect(mentionQuery('hi @', 4)).toEqual({ start: 3, query: '' });
  });

  it('ignores e-mail addresses, other lines, and text after the caret', () => {
    expect(mentionQuery('mail bob@nhs.uk', 15)).toBeNull();
    expect(mentionQuery('@bob\nnext', 9)).toBeNull();
    expect(mentionQuery('no mention here', 15)).toBeNull();
    expect(mentionQuery('@bob later', 2)).toEqual({ start: 0, query: 'b' });
    expect(mentionQuery('@<@x>', 5)).toBeNull();
  });
});

describe('matchCandidates', () => {
  it('matches any word of the name, ignoring case and accents, whole-name prefixes first', () => {
    expect(matchCandidates('ad', people, []).map((c) => c.id)).toEqual(['b0b']);
    expect(matchCandidates('elo', people, []).map((c) => c.id)).toEqual(['e11']);
    expect(matchCandidates('ann', people, []).map((c) => c.id)).toEqual(['ann', 'annl']);
    expect(matchCandidates('bob ad', people, []).map((c) => c.id)).toEqual([]);
    expect(matchCandidates('dr bob', people, []).map((c) => c.id)).toEqual(['b0b']);
  });

  it('offers everyone-mentions only where the conversation allows them, after people', () => {
    expect(matchCandidates('', people, everyoneMentions('channel')).map((c) => c.id).slice(-2)).toEqual(['channel', 'team']);
    expect(matchCandidates('ch', people, everyoneMentions('group')).map((c) => c.id)).toEqual(['channel']);
    expect(matchCandidates('te', people, everyoneMentions('group'))).toEqual([]);
    expect(everyoneMentions('direct')).toEqual([]);
  });

  it('lists at most eight', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ id: `p${i}`, label: `Sam ${i}` }));
    expect(matchCandidates('sam', many, [])).toHaveLength(8);
  });
});

describe('insertMention and toWireText', () => {
  it('replaces the typed query with the name and puts the caret after it', () => {
    const r = insertMention('Hi @bo please', 3, 6, people[0]);
    expect(r.text).toBe('Hi @Dr Bob Adeyemi please');
    expect(r.caret).toBe('Hi @Dr Bob Adeyemi '.length);
  });

  it('sends picked names as <@id>, longest first, leaving edited names and e-mail addresses alone', () => {
    const picked = [
      { id: 'ann', label: 'Ann' },
      { id: 'annl', label: 'Ann Lee' },
      { id: 'b0b', label: 'Dr Bob Adeyemi' },
    ];
    expect(toWireText('@Ann Lee and @Ann, cc @Dr Bob Adeyemi.', picked)).toBe('<@annl> and <@ann>, cc <@b0b>.');
    expect(toWireText('@Annabel and x@Ann', picked)).toBe('@Annabel and x@Ann');
    expect(toWireText('@channel fire drill', [{ id: 'channel', label: 'channel' }])).toBe('@channel fire drill');
  });
});
