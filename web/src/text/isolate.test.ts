import { describe, expect, it } from 'vitest';
import { isolate, withoutBidiControls } from './isolate';

describe('isolate', () => {
  it('wraps a right-to-left name in first-strong-isolate and pop-directional-isolate', () => {
    expect(isolate('سارة أحمد')).toBe('\u2068سارة أحمد\u2069');
    expect(isolate('Dr דוד כהן')).toBe('\u2068Dr דוד כהן\u2069');
  });

  it('leaves a left-to-right name as typed, so screen readers and search see plain text', () => {
    expect(isolate('Sam Okafor')).toBe('Sam Okafor');
    expect(isolate('Zoë Ní Bhriain 🧑‍⚕️')).toBe('Zoë Ní Bhriain 🧑‍⚕️');
  });

  it('removes bidi overrides, embeddings, isolates and marks from inside the name', () => {
    expect(isolate('Pay\u202Egnp.exe')).toBe('Paygnp.exe');
    expect(isolate('\u2066a\u2069\u200Eb\u200F\u061Cc\u202A\u202B\u202C\u202D')).toBe('abc');
  });

  it('cannot be escaped by a pop directional isolate in the name', () => {
    const s = isolate('שלום\u2069\u202Ey');
    expect(s.match(/\u2069/g)).toHaveLength(1);
    expect(s.endsWith('\u2069')).toBe(true);
    expect(s).not.toContain('\u202E');
  });

  it('withoutBidiControls leaves other text alone', () => {
    expect(withoutBidiControls('Dr A. Khan 🧑‍⚕️')).toBe('Dr A. Khan 🧑‍⚕️');
    expect(withoutBidiControls('a\u202Eb')).toBe('ab');
  });
});
