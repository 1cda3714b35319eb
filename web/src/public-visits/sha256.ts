/*
 * SHA-256 (FIPS 180-4) in plain TypeScript, for the booking page's proof of work. The Web Crypto
 * digest is asynchronous, one promise per hash, and missing outside secure contexts; this one is
 * synchronous and lets the solver hash the fixed prefix (the challenge) once and only the last
 * block or two per nonce.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const W = new Uint32Array(64);

/** Runs the compression function over the 64-byte block at {@code offset} of {@code bytes}, updating {@code h}. */
function compress(h: Uint32Array, bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    W[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
  }
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15];
    const w2 = W[i - 2];
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
  }
  let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (hh + S1 + ch + K[i] + W[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    hh = g; g = f; f = e; e = (d + t1) | 0;
    d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
  h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + hh) | 0;
}

/**
 * A SHA-256 whose first bytes are fixed: the whole 64-byte blocks of the prefix are compressed
 * once, and {@link digestWithSuffix} hashes prefix + suffix from that midstate.
 */
export class Sha256Prefix {
  private readonly mid: Uint32Array;
  private readonly rest: Uint8Array;
  private readonly prefixLength: number;
  private readonly state = new Uint32Array(8);
  private block = new Uint8Array(128);

  constructor(prefix: Uint8Array) {
    this.mid = new Uint32Array(INITIAL);
    const whole = prefix.length - (prefix.length % 64);
    for (let off = 0; off < whole; off += 64) compress(this.mid, prefix, off);
    this.rest = prefix.slice(whole);
    this.prefixLength = prefix.length;
  }

  /** The state words (big-endian) of SHA-256(prefix + suffix); valid until the next call. */
  digestWordsWithSuffix(suffix: Uint8Array): Uint32Array {
    const tail = this.rest.length + suffix.length;
    const blocks = tail + 9 <= 64 ? 1 : Math.ceil((tail + 9) / 64);
    const size = blocks * 64;
    if (this.block.length < size) this.block = new Uint8Array(size);
    const block = this.block;
    block.fill(0, 0, size);
    block.set(this.rest, 0);
    block.set(suffix, this.rest.length);
    block[tail] = 0x80;
    const bits = (this.prefixLength + suffix.length) * 8;
    // Messages here are far below 2^32 bits: the high word of the length stays zero.
    block[size - 4] = (bits >>> 24) & 0xff;
    block[size - 3] = (bits >>> 16) & 0xff;
    block[size - 2] = (bits >>> 8) & 0xff;
    block[size - 1] = bits & 0xff;
    const h = this.state;
    h.set(this.mid);
    for (let off = 0; off < size; off += 64) compress(h, block, off);
    return h;
  }

  digestWithSuffix(suffix: Uint8Array): Uint8Array {
    return wordsToBytes(this.digestWordsWithSuffix(suffix));
  }
}

export function wordsToBytes(words: Uint32Array): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    out[i * 4] = words[i] >>> 24;
    out[i * 4 + 1] = (words[i] >>> 16) & 0xff;
    out[i * 4 + 2] = (words[i] >>> 8) & 0xff;
    out[i * 4 + 3] = words[i] & 0xff;
  }
  return out;
}

const encoder = new TextEncoder();

/** SHA-256 of a byte array or of a string's UTF-8 bytes. */
export function sha256(input: Uint8Array | string): Uint8Array {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  return new Sha256Prefix(bytes).digestWithSuffix(new Uint8Array(0));
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}
