import { describe, expect, it } from 'vitest';
import { EmojiPrefs, normaliseEmoji, prepare, pushRecent, searchEmoji, withSkin, type CompactEmoji } from './emoji';

const thumbs: CompactEmoji = {
  hexcode: '1F44D',
  label: 'thumbs up',
  unicode: '👍️',
  group: 1,
  order: 353,
  tags: ['+1', 'good', 'like', 'yes'],
  skins: ['1F3FB', '1F3FC', '1F3FD', '1F3FE', '1F3FF'].map((m, i) => ({
    hexcode: `1F44D-${m}`,
    label: `thumbs up: tone ${i + 1}`,
    unicode: String.fromCodePoint(0x1f44d, parseInt(m, 16)),
  })),
};
const data: CompactEmoji[] = [
  { hexcode: '1F1E6', label: 'regional indicator A', unicode: '🇦' },
  { hexcode: '1F3FB', label: 'light skin tone', unicode: '🏻', group: 2, order: 1 },
  { hexcode: '1F44E', label: 'thumbs down', unicode: '👎️', group: 1, order: 359, tags: ['-1', 'bad'] },
  thumbs,
  { hexcode: '2764', label: 'red heart', unicode: '❤️', group: 0, order: 155, tags: ['heart', 'love'] },
  { hexcode: '1F600', label: 'grinning face', unicode: '😀', group: 0, order: 1, tags: ['face', 'happy'] },
];

describe('the data as the picker uses it', () => {
  const entries = prepare(data);
  it('leaves out components and bare regional letters, in emojibase order', () => {
    expect(entries.map((e) => e.label)).toEqual(['grinning face', 'red heart', 'thumbs up', 'thumbs down']);
  });
  it('drops a redundant variation selector but keeps a needed one', () => {
    expect(entries.find((e) => e.label === 'thumbs up')!.emoji).toBe('\u{1F44D}');
    expect(normaliseEmoji('❤️')).toBe('\u2764\uFE0F');
    expect(normaliseEmoji('👁️‍🗨️')).toBe('👁️‍🗨️');
  });
  it('gives the variant of the chosen skin tone where there is one', () => {
    const up = entries.find((e) => e.label === 'thumbs up')!;
    expect(withSkin(up, 0)).toBe('👍');
    expect(withSkin(up, 3)).toBe('👍🏽');
    expect(withSkin(entries.find((e) => e.label === 'red heart')!, 3)).toBe('❤️');
  });
  it('finds by name first, then by keyword, every word matching', () => {
    expect(searchEmoji(entries, 'thumbs').map((e) => e.label)).toEqual(['thumbs up', 'thumbs down']);
    expect(searchEmoji(entries, 'THUMBS up').map((e) => e.label)).toEqual(['thumbs up']);
    expect(searchEmoji(entries, 'love').map((e) => e.label)).toEqual(['red heart']);
    expect(searchEmoji(entries, '+1').map((e) => e.label)).toEqual(['thumbs up']);
    expect(searchEmoji(entries, '  ')).toEqual([]);
  });
});

describe('recent emoji and skin tone on this device', () => {
  it('keeps the most recent first, without repeats, at most 18', () => {
    expect(pushRecent(['👍', '✅'], '✅')).toEqual(['✅', '👍']);
    expect(pushRecent(Array.from({ length: 18 }, (_, i) => String(i)), 'x')).toHaveLength(18);
  });
  it('remembers per person and survives bad stored values', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const alice = new EmojiPrefs('alice', storage);
    alice.used('👍🏽');
    alice.setTone(3);
    expect(new EmojiPrefs('alice', storage).recent()).toEqual(['👍🏽']);
    expect(new EmojiPrefs('alice', storage).tone()).toBe(3);
    expect(new EmojiPrefs('bob', storage).recent()).toEqual([]);
    store.set('confer.emoji.recent.alice', '{not json');
    store.set('confer.emoji.tone.alice', '9');
    expect(alice.recent()).toEqual([]);
    expect(alice.tone()).toBe(0);
  });
});
