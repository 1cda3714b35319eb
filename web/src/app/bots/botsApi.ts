/**
 * The REST calls of bots in the web client (docs/bots-and-results.md, "Cards" and "Slash
 * commands"): pressing a card's button, the commands of a conversation and running one. They go
 * through api.ts's `request`, so they carry the CSRF header and map problem+json like every call.
 */
import { request } from '../../api';
import type { MessageCard } from '../../protocol/events';

/** A slash command offered in a conversation (`name` without the slash). */
export interface SlashCommand {
  name: string;
  usage?: string;
  description?: string;
  /** The bot that answers it (its user id); absent for built-ins. */
  botId?: string | null;
}

/** What running a command answers: shown only to the person who ran it. */
export interface CommandAnswer {
  text?: string;
  card?: MessageCard;
}

const conversationPath = (conversationId: string) => `/api/v1/conversations/${encodeURIComponent(conversationId)}`;

export const botsApi = {
  pressAction: (conversationId: string, messageId: string, actionId: string) =>
    request<{ text?: string } | undefined>(
      'POST',
      `${conversationPath(conversationId)}/messages/${encodeURIComponent(messageId)}/actions/${encodeURIComponent(actionId)}`,
    ),
  commands: (conversationId: string) =>
    request<{ items?: SlashCommand[] }>('GET', `${conversationPath(conversationId)}/commands`).then((r) => r?.items ?? []),
  runCommand: (conversationId: string, command: string, text: string) =>
    request<CommandAnswer | undefined>('POST', `${conversationPath(conversationId)}/commands`, { command, text }),
};

export type BotsApi = typeof botsApi;
