import { describe, expect, it } from 'vitest';
import { formatNhsNumber, isValidNhsNumber, nhsDigits, nhsNumberProblem } from './nhsNumber';

describe('NHS numbers', () => {
  it('accepts numbers whose last digit is the modulus-11 check digit', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('943-476-5919')).toBe(true);
    expect(isValidNhsNumber('4010232137')).toBe(true);
    // 11 − (sum mod 11) = 11 counts as 0.
    expect(isValidNhsNumber('9876543210')).toBe(true);
    expect(isValidNhsNumber('9876543211')).toBe(false);
  });

  it('refuses a wrong check digit, a transposition and the wrong length', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('9434765199')).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
    expect(isValidNhsNumber('94347659190')).toBe(false);
    expect(isValidNhsNumber('94347659a9')).toBe(false);
  });

  it('refuses numbers whose check digit would be 10', () => {
    // 1·10 + 2·9 + … + 9·2 = 210 = 19·11 + 1: 11 − 1 = 10, so no last digit fits.
    for (let last = 0; last <= 9; last++) expect(isValidNhsNumber(`123456789${last}`)).toBe(false);
  });

  it('says what is wrong in words', () => {
    expect(nhsNumberProblem('')).toBe('Enter the patient’s NHS number.');
    expect(nhsNumberProblem('12345')).toBe('An NHS number has 10 digits.');
    expect(nhsNumberProblem('9434765918')).toBe('This is not a valid NHS number: check the digits.');
    expect(nhsNumberProblem('943 476 5919')).toBeNull();
  });

  it('formats ten digits 3-3-4 and leaves anything else as it came', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
    expect(formatNhsNumber('943-476-5919')).toBe('943 476 5919');
    expect(formatNhsNumber('MRN123')).toBe('MRN123');
    expect(formatNhsNumber(undefined)).toBe('');
    expect(nhsDigits(' 943 476 5919 ')).toBe('9434765919');
  });
});
