import { prepare, type CompactEmoji, type EmojiEntry } from './emoji';

let loading: Promise<EmojiEntry[]> | null = null;

/**
 * The full emoji set (about 1,900 with names and keywords in British English, ~90 kB gzip),
 * loaded on first use: the dynamic import puts it in a chunk of its own, so the main bundle does
 * not carry it. A failed load is tried again on the next opening.
 */
export function loadEmoji(): Promise<EmojiEntry[]> {
  loading ??= import('emojibase-data/en-gb/compact.json').then(
    (m) => prepare(m.default as unknown as CompactEmoji[]),
    (e) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}
