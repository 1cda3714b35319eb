/**
 * The emoji picker's rules, pure so they are tested without a browser: the data as the picker
 * uses it (from emojibase-data's compact set, loaded lazily by emojiData.ts), search by name and
 * keyword, skin tones, and the person's recent emoji.
 */

/** One entry of emojibase-data's compact.json (the fields used here). */
export interface CompactEmoji {
  hexcode: string;
  label: string;
  unicode: string;
  group?: number;
  order?: number;
  tags?: string[];
  skins?: CompactEmoji[];
}

export interface EmojiEntry {
  emoji: string;
  label: string;
  tags: string[];
  group: number;
  order: number;
  /** The variant for skin tones 1 (light) to 5 (dark), index tone - 1, where the emoji has them. */
  skins?: string[];
}

/** emojibase's groups, in its order; group 2 (skin tone and hair components) is not offered. */
export const GROUPS: { id: number; name: string; icon: string }[] = [
  { id: 0, name: 'Smileys and emotion', icon: '😀' },
  { id: 1, name: 'People and body', icon: '👋' },
  { id: 3, name: 'Animals and nature', icon: '🐻' },
  { id: 4, name: 'Food and drink', icon: '🍎' },
  { id: 5, name: 'Travel and places', icon: '🚗' },
  { id: 6, name: 'Activities', icon: '⚽' },
  { id: 7, name: 'Objects', icon: '💡' },
  { id: 8, name: 'Symbols', icon: '✅' },
  { id: 9, name: 'Flags', icon: '🏁' },
];

export const SKIN_TONES = ['Default', 'Light', 'Medium-light', 'Medium', 'Medium-dark', 'Dark'];

/**
 * The fully-qualified form (Unicode's emoji-test.txt) that people's keyboards send: emojibase
 * adds U+FE0F after every emoji, also after one that is already shown as an emoji (👍 is
 * U+1F44D alone). Reactions are compared as strings, so 👍 picked here must equal 👍 typed or
 * sent by another client; a selector that is needed (❤️, 1️⃣, 👁️‍🗨️) stays.
 */
export function normaliseEmoji(s: string): string {
  return s.replace(/(\p{Emoji_Presentation})\uFE0F/gu, '$1');
}

const MODIFIERS = ['1F3FB', '1F3FC', '1F3FD', '1F3FE', '1F3FF'];

/** The skin tone (1..5) of a variant whose modifiers are all the same tone, else 0. */
function toneOf(hexcode: string): number {
  const tones = new Set(hexcode.split('-').filter((h) => MODIFIERS.includes(h)));
  return tones.size === 1 ? MODIFIERS.indexOf([...tones][0]) + 1 : 0;
}

/** The picker's entries, in emojibase's order, without components and the bare regional letters. */
export function prepare(data: CompactEmoji[]): EmojiEntry[] {
  const entries: EmojiEntry[] = [];
  for (const e of data) {
    if (e.group === undefined || e.group === 2) continue;
    let skins: string[] | undefined;
    if (e.skins?.length) {
      const byTone: string[] = [];
      for (const s of e.skins) {
        const tone = toneOf(s.hexcode);
        if (tone) byTone[tone - 1] = normaliseEmoji(s.unicode);
      }
      if (byTone.filter(Boolean).length === 5) skins = byTone;
    }
    entries.push({ emoji: normaliseEmoji(e.unicode), label: e.label, tags: e.tags ?? [], group: e.group, order: e.order ?? 0, skins });
  }
  return entries.sort((a, b) => a.order - b.order);
}

/** The emoji to insert for an entry in skin tone `tone` (0: the default yellow). */
export function withSkin(e: EmojiEntry, tone: number): string {
  return tone > 0 && e.skins ? e.skins[tone - 1] : e.emoji;
}

/**
 * Entries matching every word of `query` (case-insensitive) by name or keyword, best first: a
 * name that starts with the query, then a word of the name that does, then a keyword; ties in
 * emojibase's order. At most `limit`.
 */
export function searchEmoji(entries: EmojiEntry[], query: string, limit = 120): EmojiEntry[] {
  const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const q = words.join(' ');
  const scored: { e: EmojiEntry; score: number }[] = [];
  for (const e of entries) {
    const label = e.label.toLowerCase();
    const labelWords = label.split(/[\s:,-]+/);
    const matchesWord = (w: string) => labelWords.some((l) => l.startsWith(w)) || e.tags.some((t) => t.startsWith(w)) || label.includes(w);
    if (!words.every(matchesWord)) continue;
    const score = label === q ? 0 : label.startsWith(q) ? 1 : labelWords.some((l) => l.startsWith(words[0])) ? 2 : 3;
    scored.push({ e, score });
  }
  scored.sort((a, b) => a.score - b.score || a.e.order - b.e.order);
  return scored.slice(0, limit).map((s) => s.e);
}

/** Most recent first, without repeats, at most `max`. */
export function pushRecent(recent: string[], emoji: string, max = 18): string[] {
  return [emoji, ...recent.filter((e) => e !== emoji)].slice(0, max);
}

/** What the picker offers before the person has used any: the common clinical acknowledgements. */
export const COMMON_EMOJI = ['👍', '✅', '👀', '🙏', '❤️', '😂'];

/**
 * The person's recent emoji and skin tone on this device (localStorage, per person id: nothing
 * clinical, and another person signing in on a shared ward PC sees their own).
 */
export class EmojiPrefs {
  constructor(
    private readonly userId: string,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeStorage(),
  ) {}

  recent(): string[] {
    const v = this.read('recent');
    return Array.isArray(v) ? v.filter((e): e is string => typeof e === 'string').slice(0, 18) : [];
  }

  used(emoji: string): void {
    this.write('recent', pushRecent(this.recent(), emoji));
  }

  tone(): number {
    const v = this.read('tone');
    return typeof v === 'number' && v >= 0 && v <= 5 ? v : 0;
  }

  setTone(tone: number): void {
    this.write('tone', tone);
  }

  private key(name: string) {
    return `confer.emoji.${name}.${this.userId}`;
  }

  private read(name: string): unknown {
    try {
      return JSON.parse(this.storage?.getItem(this.key(name)) ?? 'null');
    } catch {
      return null;
    }
  }

  private write(name: string, value: unknown): void {
    try {
      this.storage?.setItem(this.key(name), JSON.stringify(value));
    } catch {
      /* storage full or blocked: the picker still works, it just does not remember */
    }
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
