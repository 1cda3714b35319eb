// @vitest-environment node
// (Node's Web Crypto is the reference the hand-written SHA-256 is checked against.)
import { describe, expect, it } from 'vitest';
import { hasLeadingZeroBits, leadingZeroBits, leadingZeroBitsOfWords, solve, verify } from './pow';

const digest = async (s: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)));

describe('leading zero bits', () => {
  it('counts whole zero bytes and the zero bits of the first non-zero one', () => {
    expect(leadingZeroBits(new Uint8Array([0x80, 0]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0x7f]))).toBe(1);
    expect(leadingZeroBits(new Uint8Array([0x01]))).toBe(7);
    expect(leadingZeroBits(new Uint8Array([0x00, 0x00, 0x0f, 0xff]))).toBe(20);
    expect(leadingZeroBits(new Uint8Array([0, 0, 0]))).toBe(24);
    expect(leadingZeroBitsOfWords([0, 0x0000ffff])).toBe(48);
    expect(leadingZeroBitsOfWords([0x80000000])).toBe(0);
    expect(leadingZeroBitsOfWords([0xffffffff | 0])).toBe(0);
  });

  it('meets a difficulty only with at least that many zero bits', () => {
    const d = new Uint8Array([0x00, 0x3f]); // 10 zero bits
    expect(hasLeadingZeroBits(d, 10)).toBe(true);
    expect(hasLeadingZeroBits(d, 11)).toBe(false);
    expect(hasLeadingZeroBits(d, 0)).toBe(true);
  });
});

describe('the solver', () => {
  const challenge = '1767225600.q3Xo9v1c2d.TWFjT2ZCb3RoUGFydHNIZXJlWWVzSXRJc0xvbmdFbm91Z2g';

  it('finds the first nonce whose SHA-256(challenge:nonce) has the leading zero bits, as the server checks it', async () => {
    const nonce = solve(challenge, 12)!;
    expect(nonce).not.toBeNull();
    expect(leadingZeroBits(await digest(`${challenge}:${nonce}`))).toBeGreaterThanOrEqual(12);
    expect(verify(challenge, 12, String(nonce))).toBe(true);
    for (let n = 0; n < nonce; n++) {
      expect(leadingZeroBits(await digest(`${challenge}:${n}`)), `nonce ${n}`).toBeLessThan(12);
    }
  });

  it('works in rounds: a round that finds nothing says so, and the next one carries on', () => {
    const nonce = solve(challenge, 10)!;
    expect(solve(challenge, 10, 0, nonce)).toBeNull();
    expect(solve(challenge, 10, nonce, 1)).toBe(nonce);
  });

  it('does the expected work of 16 bits (65,536 hashes) in well under a second', () => {
    solve(challenge, 256, 0, 5_000); // warm up
    const started = performance.now();
    expect(solve(challenge, 256, 0, 65_536)).toBeNull(); // 256 bits: never met, so exactly 65,536 tries
    const ms = performance.now() - started;
    console.log(`65,536 hashes in ${ms.toFixed(0)} ms (${(65_536 / ms / 1000).toFixed(2)} M hashes/s)`);
    expect(ms).toBeLessThan(1000);
  });
});
