import { describe, expect, test } from 'vitest';
import type { Profile } from '../../types';
import { candidates, chatRequest, filterPeople, isSelected, personDetail, startLabel, toggle } from './peopleSelection';

const org = { id: 'o2', code: 'YDX', name: 'Westmoor Pathology' };
const bob: Profile = { id: 'bob', displayName: 'Dr Bob Adeyemi', jobTitle: 'Consultant', department: 'Respiratory' };
const dan: Profile = { id: 'dan', displayName: 'Dan Kowalski', jobTitle: 'Lab Liaison', organisation: org };
const olu: Profile = { id: 'olu', displayName: 'Dr Olu Bankole', jobTitle: 'Consultant Microbiologist', organisation: org };

describe('choosing people for a chat', () => {
  test('choosing toggles a person in and out, keeping the order of choosing', () => {
    let s: Profile[] = [];
    s = toggle(s, dan);
    s = toggle(s, bob);
    expect(s.map((p) => p.id)).toEqual(['dan', 'bob']);
    expect(isSelected(s, 'bob')).toBe(true);
    s = toggle(s, dan);
    expect(s.map((p) => p.id)).toEqual(['bob']);
    expect(isSelected(s, 'dan')).toBe(false);
  });

  test('one person makes a direct chat; two or more a group chat with the trimmed name', () => {
    expect(chatRequest('me', [], 'x')).toBeNull();
    expect(chatRequest('me', [bob], 'ignored')).toEqual({ kind: 'direct', userId: 'bob' });
    expect(chatRequest('me', [bob, dan], '  Discharge planning ')).toEqual({
      kind: 'group',
      memberIds: ['bob', 'dan'],
      topic: 'Discharge planning',
    });
  });

  test('the caller and duplicates never count as chosen people', () => {
    const me: Profile = { id: 'me', displayName: 'Alice' };
    expect(chatRequest('me', [me, bob], '')).toEqual({ kind: 'direct', userId: 'bob' });
    expect(chatRequest('me', [bob, bob], '')).toEqual({ kind: 'direct', userId: 'bob' });
    expect(chatRequest('me', [me], '')).toBeNull();
  });

  test('the start button says what it will start, counting the caller in a group', () => {
    expect(startLabel(0)).toBe('Start chat');
    expect(startLabel(1)).toBe('Start chat');
    expect(startLabel(2)).toBe('Start group chat (3 people)');
  });

  test('people already in a team or chat are not offered again', () => {
    expect(candidates([bob, dan, olu], ['dan', 'me']).map((p) => p.id)).toEqual(['bob', 'olu']);
  });

  test('a known list is filtered by every word typed, over name, job title and organisation', () => {
    expect(filterPeople([bob, dan, olu], '').map((p) => p.id)).toEqual(['bob', 'dan', 'olu']);
    expect(filterPeople([bob, dan, olu], 'consultant').map((p) => p.id)).toEqual(['bob', 'olu']);
    expect(filterPeople([bob, dan, olu], 'westmoor DR').map((p) => p.id)).toEqual(['olu']);
    expect(filterPeople([bob, dan, olu], 'nobody')).toEqual([]);
  });

  test('a person is described by job title, department and organisation', () => {
    expect(personDetail(bob)).toBe('Consultant · Respiratory');
    expect(personDetail(dan)).toBe('Lab Liaison · Westmoor Pathology');
  });
});
