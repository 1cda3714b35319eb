import { describe, expect, test, vi } from 'vitest';
import { Dispatcher } from '../../protocol/dispatch';
import type { CommandReplied } from '../../protocol/events';
import { BotsSession, UnknownCommandError } from './botsSession';
import { CommandReplyStore, MAX_REPLIES, SAME_REPLY_MS } from './commandReplies';

const card = { title: 'Watching 943 476 5919', severity: 'info' as const, fields: [{ label: 'Test', value: 'Potassium' }] };
const replied = (over: Partial<CommandReplied> = {}): CommandReplied => ({
  kind: 'command.replied',
  conversationId: 'c1',
  botId: 'bot-results',
  command: 'results',
  text: 'Watching 943 476 5919.',
  ...over,
});

function session(answer: unknown = { text: 'Watching 943 476 5919.', card }) {
  let now = 1_000;
  const remote = {
    commands: vi.fn(async () => [{ name: 'results', usage: 'watch <NHS number>', description: 'Results', botId: 'bot-results' }]),
    runCommand: vi.fn(async () => answer as never),
  };
  const bots = new BotsSession(remote, () => now);
  const d = new Dispatcher(() => false);
  bots.register(d);
  return { bots, remote, d, tick: (ms: number) => (now += ms) };
}

describe('command replies', () => {
  test('the answer to a command I ran is shown in its conversation only, with its card', async () => {
    const { bots, remote } = session();
    await bots.run('c1', 'results', 'watch 9434765919');
    expect(remote.runCommand).toHaveBeenCalledWith('c1', 'results', 'watch 9434765919');
    expect(bots.replies.replies('c1')).toMatchObject([{ command: 'results', text: 'Watching 943 476 5919.', card }]);
    expect(bots.replies.replies('c2')).toEqual([]);
  });

  test('an answer that arrives later as command.replied is shown too', () => {
    const { bots, d } = session();
    d.dispatch({ type: 'user-event', userSeq: 1, event: replied({ conversationId: 'c2', command: '/remind', text: 'Done', card: undefined }) });
    expect(bots.replies.replies('c2')).toMatchObject([{ command: 'remind', text: 'Done' }]);
  });

  test('the POST answer and its command.replied copy make one notice; the same answer later is a new one', async () => {
    const { bots, d, tick } = session();
    await bots.run('c1', 'results', 'watch 9434765919');
    d.dispatch({ type: 'user-event', userSeq: 1, event: replied({ card }) });
    expect(bots.replies.replies('c1')).toHaveLength(1);
    tick(SAME_REPLY_MS + 1);
    d.dispatch({ type: 'user-event', userSeq: 2, event: replied({ card }) });
    expect(bots.replies.replies('c1')).toHaveLength(2);
  });

  test('a notice goes when dismissed; only the newest few are kept', () => {
    const store = new CommandReplyStore(() => 0);
    for (let i = 0; i < MAX_REPLIES + 2; i++) store.add('c1', 'results', `answer ${i}`);
    const kept = store.replies('c1');
    expect(kept.map((r) => r.text)).toEqual(Array.from({ length: MAX_REPLIES }, (_, i) => `answer ${i + 2}`));
    store.dismiss('c1', kept[0].id);
    expect(store.replies('c1').map((r) => r.text)).not.toContain('answer 2');
  });

  test('/help lists the conversation’s commands without asking the server to run anything', async () => {
    const { bots, remote } = session();
    await bots.run('c1', 'help', '');
    expect(remote.runCommand).not.toHaveBeenCalled();
    expect(bots.replies.replies('c1')[0].text).toContain('`/results watch <NHS number>` — Results');
  });

  test('a command the conversation does not offer is refused here and nothing is sent', async () => {
    const { bots, remote } = session();
    await expect(bots.run('c1', 'resluts', 'watch')).rejects.toBeInstanceOf(UnknownCommandError);
    expect(remote.runCommand).not.toHaveBeenCalled();
    // The cached list was checked against the server's once more before refusing.
    expect(remote.commands).toHaveBeenCalledTimes(2);
    expect(bots.replies.replies('c1')).toEqual([]);
  });

  test('an answer with nothing to show adds no notice', async () => {
    const { bots } = session(null);
    await bots.run('c1', 'results', 'watches');
    expect(bots.replies.replies('c1')).toEqual([]);
  });
});
