/**
 * Slash commands in the composer, as pure rules tested without a browser: whether the text is a
 * command being typed (the `/` must start the message), which commands match, and what Enter
 * runs. The commands of each conversation are fetched once and cached ({@link CommandCatalogue}).
 */
import type { SlashCommand } from './botsApi';

/** `/help` is answered here, from the list the server gave: it needs no round trip. */
export const HELP: SlashCommand = { name: 'help', usage: '', description: 'List the commands you can use here' };

export const MAX_COMMAND_SUGGESTIONS = 8;
/** A cached list is fetched again after this long (bots join and leave conversations). */
export const COMMANDS_TTL_MS = 5 * 60_000;

/**
 * The command name being typed: the text starts with `/` and the caret is still in the first
 * word (`/res|` → "res"). Anything else — a `/` later in the text, a second word — is not.
 */
export function slashQuery(text: string, caret: number): string | null {
  if (!text.startsWith('/')) return null;
  const before = text.slice(0, caret);
  if (!/^\/[a-z0-9-]*$/i.test(before)) return null;
  const end = /\s/.exec(text);
  if (end && end.index < caret) return null;
  return before.slice(1).toLowerCase();
}

/** A command line to run: `/name rest…` on a message that starts with a slash. `//x` and `/ x` are plain text. */
export function parseCommandLine(text: string): { command: string; text: string } | null {
  const m = /^\/([a-z0-9][a-z0-9-]*)(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (!m) return null;
  return { command: m[1].toLowerCase(), text: (m[2] ?? '').trim() };
}

/** Commands whose name starts with the query, then those that contain it; `/help` always offered. */
export function matchCommands(query: string, commands: SlashCommand[]): SlashCommand[] {
  const q = query.toLowerCase();
  const all = [...commands.filter((c) => c.name !== HELP.name), HELP];
  const starts = all.filter((c) => c.name.startsWith(q));
  const contains = all.filter((c) => !c.name.startsWith(q) && c.name.includes(q));
  return [...starts, ...contains].slice(0, MAX_COMMAND_SUGGESTIONS);
}

/** The line that completes a command in the box: `/name ` (the caret after the space). */
export function completeCommand(c: SlashCommand): string {
  return `/${c.name} `;
}

/** `/help`'s answer: one line per command with its usage and description, as markdown (escaped by the sanitiser). */
export function helpText(commands: SlashCommand[]): string {
  const listed = commands.filter((c) => c.name !== HELP.name);
  if (listed.length === 0) return 'No commands can be used in this conversation.';
  const lines = listed.map((c) => {
    const usage = c.usage ? ` ${c.usage}` : '';
    return `- \`/${c.name}${usage}\`${c.description ? ` — ${c.description}` : ''}`;
  });
  return `Commands you can use here:\n\n${lines.join('\n')}`;
}

/** The commands of each conversation, fetched on first use and kept for {@link COMMANDS_TTL_MS}. */
export class CommandCatalogue {
  private cache = new Map<string, { at: number; list: Promise<SlashCommand[]> }>();

  constructor(
    private readonly fetchCommands: (conversationId: string) => Promise<SlashCommand[]>,
    private readonly now: () => number = Date.now,
  ) {}

  commands(conversationId: string, fresh = false): Promise<SlashCommand[]> {
    const hit = this.cache.get(conversationId);
    if (hit && !fresh && this.now() - hit.at < COMMANDS_TTL_MS) return hit.list;
    const list = this.fetchCommands(conversationId);
    this.cache.set(conversationId, { at: this.now(), list });
    // A failure is not cached: the next `/` asks again.
    list.catch(() => {
      if (this.cache.get(conversationId)?.list === list) this.cache.delete(conversationId);
    });
    return list;
  }
}
