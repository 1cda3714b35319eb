/**
 * What one signed-in session keeps about bots: the commands of each conversation (cached), the
 * private answers to my commands, and running a command. The session (app/controller.ts) builds
 * one and registers it with the dispatcher, so `command.replied` lands here from any device.
 */
import type { Dispatcher } from '../../protocol/dispatch';
import { botsApi, type BotsApi } from './botsApi';
import { CommandReplyStore } from './commandReplies';
import { CommandCatalogue, HELP, helpText } from './commands';

/** The person typed a command this conversation does not offer; nothing was sent. */
export class UnknownCommandError extends Error {
  constructor(readonly command: string) {
    super(`/${command} is not a command here. Type /help to see the commands you can use.`);
    this.name = 'UnknownCommandError';
  }
}

export class BotsSession {
  readonly replies: CommandReplyStore;
  readonly catalogue: CommandCatalogue;

  constructor(
    private readonly remote: Pick<BotsApi, 'commands' | 'runCommand'> = botsApi,
    now: () => number = Date.now,
  ) {
    this.replies = new CommandReplyStore(now);
    this.catalogue = new CommandCatalogue((id) => remote.commands(id), now);
  }

  register(d: Dispatcher): void {
    this.replies.register(d);
  }

  /**
   * Runs `/command text` in a conversation. `/help` is answered here from the list; a command
   * the list does not have is refused here (so a typo is not sent to anyone); the server's answer
   * becomes a notice only I see. Failures reject with the reason to show.
   */
  async run(conversationId: string, command: string, text: string): Promise<void> {
    let known = await this.catalogue.commands(conversationId).catch(() => null);
    // The list may be older than a bot that has just joined: ask again before refusing.
    if (known && !known.some((c) => c.name === command)) known = await this.catalogue.commands(conversationId, true).catch(() => null);
    if (command === HELP.name) {
      if (!known) throw new Error('Could not load the commands. Try again.');
      this.replies.add(conversationId, HELP.name, helpText(known));
      return;
    }
    if (known && !known.some((c) => c.name === command)) throw new UnknownCommandError(command);
    const answer = await this.remote.runCommand(conversationId, command, text);
    if (answer && (answer.text || answer.card)) this.replies.add(conversationId, command, answer.text ?? '', answer.card);
  }
}
