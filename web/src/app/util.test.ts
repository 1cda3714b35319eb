import { describe, expect, it } from 'vitest';
import { initials } from './util';

describe('initials', () => {
  it('skips a title before the name', () => {
    expect(initials('Dr Chloe Turner')).toBe('CT');
    expect(initials('Dr Bob Adeyemi')).toBe('BA');
  });

  it('skips every common title, with or without a full stop, in any case', () => {
    for (const title of ['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Prof', 'Prof.', 'Professor', 'Sr', 'Sister', 'Sir', 'Dame', 'Rev', 'DR.', 'dr'])
      expect(initials(`${title} Chloe Turner`), title).toBe('CT');
  });

  it('skips several titles in a row but keeps a title-like surname', () => {
    expect(initials('Prof Dr Hans Meyer')).toBe('HM');
    expect(initials('Alice Nurse')).toBe('AN');
    expect(initials('Mary Lord')).toBe('ML');
  });

  it('keeps the plain cases', () => {
    expect(initials('Alice Moreno')).toBe('AM');
    expect(initials('Alice')).toBe('A');
    expect(initials('Sam (Locum) Okafor')).toBe('SO');
    expect(initials('  ')).toBe('?');
    expect(initials(undefined)).toBe('?');
  });

  it('does not leave a name that is only a title empty', () => {
    expect(initials('Dr')).toBe('D');
    expect(initials('Sister Jones')).toBe('J');
  });

  it('takes whole characters, not halves of a surrogate pair', () => {
    expect(initials('Dr 𝒜lice Ørsted')).toBe('𝒜Ø');
  });
});
