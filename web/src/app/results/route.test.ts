import { describe, expect, it } from 'vitest';
import { resultHash, resultOfHash } from './route';

describe('result links', () => {
  it('round-trips a result id through #/results/<id>', () => {
    expect(resultHash('a b')).toBe('#/results/a%20b');
    expect(resultOfHash(resultHash('0b7e-11'))).toBe('0b7e-11');
  });

  it('ignores other addresses and malformed escapes', () => {
    expect(resultOfHash('#/results/')).toBeNull();
    expect(resultOfHash('#/results/x/audit')).toBeNull();
    expect(resultOfHash('#/c/x/m/y')).toBeNull();
    expect(resultOfHash('#/results/%E0%A4%A')).toBeNull();
  });
});
