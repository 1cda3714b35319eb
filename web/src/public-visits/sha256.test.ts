// @vitest-environment node
// (Node's Web Crypto is the reference the hand-written SHA-256 is checked against.)
import { describe, expect, it } from 'vitest';
import { Sha256Prefix, sha256, toHex } from './sha256';

const hex = (s: string) => toHex(sha256(s));
const reference = async (s: string) => toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s))));

describe('sha256', () => {
  it('matches the FIPS 180-4 and NIST vectors', () => {
    expect(hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))
      .toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(hex('abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu'))
      .toBe('cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1');
    expect(hex('a'.repeat(1000))).toBe('41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3');
  });

  it('agrees with Web Crypto at every length around the block and padding edges, and in UTF-8', async () => {
    for (let n = 0; n < 200; n++) {
      const s = 'x'.repeat(n);
      expect(hex(s), `length ${n}`).toBe(await reference(s));
    }
    expect(hex('Zoë’s visit 🙂')).toBe(await reference('Zoë’s visit 🙂'));
  });

  it('hashes prefix + suffix from the prefix midstate, for any split', async () => {
    const enc = new TextEncoder();
    const message = '1767225600.c29tZS1yYW5kb20tYnl0ZXMtaGVyZQ.aGVyZS1pcy10aGUtbWFjLW9mLWJvdGgtcGFydHM:123456';
    for (let cut = 0; cut <= message.length; cut++) {
      const hasher = new Sha256Prefix(enc.encode(message.slice(0, cut)));
      expect(toHex(hasher.digestWithSuffix(enc.encode(message.slice(cut)))), `cut at ${cut}`)
        .toBe(await reference(message));
    }
  });
});
