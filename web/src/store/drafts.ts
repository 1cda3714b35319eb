/**
 * What the web client keeps on the device: the person's unsent drafts (per conversation and per
 * thread, with the people picked for @mentions in them) and which conversation was open, so a
 * reload (or a crash of the tab) loses neither. Nothing received is ever stored here: no
 * message, no conversation name, no preview (docs/decisions.md, "Drafts on the device").
 *
 * One localStorage entry per person, `confer.drafts.<userId>`. It is removed when they sign
 * out, and entries of anyone else are removed when a person signs in, so on a shared ward PC
 * the next person to sign in never inherits the last one's drafts. A session that merely expires
 * keeps them (the same person signs in again and finds them).
 *
 * Storage failures (private mode, quota, blocked storage) never stop typing: the drafts then
 * live in memory only, as they did before.
 */

/** A person picked for an @mention in a draft: the draft shows the name, the message carries `<@id>`. */
export interface DraftMention {
  id: string;
  label: string;
}

interface Saved {
  v: 1;
  drafts: Record<string, { text: string; mentions?: DraftMention[]; at: number }>;
  open?: string;
}

export const DRAFTS_PREFIX = 'confer.drafts.';
/** More than anyone keeps; bounds what one person stores (the oldest go first). */
export const MAX_DRAFTS = 200;
/** A draft longer than a message may be is cut here (the server refuses longer messages anyway). */
export const MAX_DRAFT_CHARS = 20_000;

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

function defaultStorage(): StorageLike | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // storage blocked by policy
  }
}

export class DraftStore {
  private saved: Saved = { v: 1, drafts: {} };
  private userId: string | null = null;

  constructor(private readonly storage: StorageLike | undefined = defaultStorage()) {}

  /** Signs a person in: their drafts are read, and any other person's left on this device removed. */
  bind(userId: string): void {
    this.userId = userId;
    for (const key of this.keys()) if (key !== DRAFTS_PREFIX + userId) this.remove(key);
    this.saved = this.read(userId);
  }

  get(key: string): string | undefined {
    return this.saved.drafts[key]?.text;
  }

  mentions(key: string): DraftMention[] | undefined {
    return this.saved.drafts[key]?.mentions;
  }

  /** Keeps (or, when empty, forgets) the draft of a conversation (`conversationId`) or thread (`conversationId/rootId`). */
  set(key: string, text: string, mentions?: DraftMention[]): void {
    if (!text) {
      this.delete(key);
      return;
    }
    const kept = mentions ?? this.saved.drafts[key]?.mentions;
    this.saved.drafts[key] = { text: text.slice(0, MAX_DRAFT_CHARS), ...(kept?.length ? { mentions: kept } : {}), at: Date.now() };
    this.trim();
    this.write();
  }

  setMentions(key: string, mentions: DraftMention[]): void {
    const d = this.saved.drafts[key];
    if (!d) return;
    if (mentions.length) d.mentions = mentions;
    else delete d.mentions;
    this.write();
  }

  delete(key: string): void {
    if (!(key in this.saved.drafts)) return;
    delete this.saved.drafts[key];
    this.write();
  }

  /** The conversation that was open when the page was left. */
  lastOpen(): string | undefined {
    return this.saved.open;
  }

  setOpen(conversationId: string | null): void {
    if ((this.saved.open ?? null) === conversationId) return;
    if (conversationId) this.saved.open = conversationId;
    else delete this.saved.open;
    this.write();
  }

  /** Sign-out: this device forgets every draft and the open conversation, of everyone. */
  clear(): void {
    this.saved = { v: 1, drafts: {} };
    for (const key of this.keys()) this.remove(key);
  }

  private trim(): void {
    const keys = Object.keys(this.saved.drafts);
    if (keys.length <= MAX_DRAFTS) return;
    keys.sort((a, b) => this.saved.drafts[a].at - this.saved.drafts[b].at);
    for (const k of keys.slice(0, keys.length - MAX_DRAFTS)) delete this.saved.drafts[k];
  }

  private read(userId: string): Saved {
    try {
      const raw = this.storage?.getItem(DRAFTS_PREFIX + userId);
      const parsed = raw ? (JSON.parse(raw) as Partial<Saved>) : null;
      if (parsed?.v !== 1 || typeof parsed.drafts !== 'object' || parsed.drafts === null) return { v: 1, drafts: {} };
      const drafts: Saved['drafts'] = {};
      for (const [k, d] of Object.entries(parsed.drafts)) {
        if (d && typeof d.text === 'string') drafts[k] = { text: d.text, at: Number(d.at) || 0, ...(Array.isArray(d.mentions) ? { mentions: d.mentions } : {}) };
      }
      return { v: 1, drafts, ...(typeof parsed.open === 'string' ? { open: parsed.open } : {}) };
    } catch {
      return { v: 1, drafts: {} };
    }
  }

  private write(): void {
    if (!this.userId || !this.storage) return;
    const key = DRAFTS_PREFIX + this.userId;
    try {
      if (Object.keys(this.saved.drafts).length === 0 && !this.saved.open) this.storage.removeItem(key);
      else this.storage.setItem(key, JSON.stringify(this.saved));
    } catch {
      /* full or blocked: the drafts stay in memory */
    }
  }

  private keys(): string[] {
    const found: string[] = [];
    try {
      if (!this.storage) return found;
      for (let i = 0; i < this.storage.length; i++) {
        const k = this.storage.key(i);
        if (k?.startsWith(DRAFTS_PREFIX)) found.push(k);
      }
    } catch {
      /* blocked */
    }
    return found;
  }

  private remove(key: string): void {
    try {
      this.storage?.removeItem(key);
    } catch {
      /* blocked */
    }
  }
}

/**
 * The device's drafts, one per page: module-level so that they survive a session expiry and
 * signing in again (App binds it at sign-in and clears it at sign-out).
 */
export const drafts = new DraftStore();
