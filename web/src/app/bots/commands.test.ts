import { describe, expect, test, vi } from 'vitest';
import type { SlashCommand } from './botsApi';
import { CommandCatalogue, COMMANDS_TTL_MS, helpText, matchCommands, MAX_COMMAND_SUGGESTIONS, parseCommandLine, slashQuery } from './commands';

const request: SlashCommand = { name: 'request', usage: '<service> [urgent|emergency] <details>', description: 'Ask a service for something' };
const results: SlashCommand = { name: 'results', usage: 'watch|unwatch|watches …', description: 'Follow a patient’s results' };
const remind: SlashCommand = { name: 'remind', usage: '<when> <what>', description: 'A reminder', botId: 'b3' };

describe('slashQuery', () => {
  test('a slash at the start of the message, with the caret in the first word, is a command being typed', () => {
    expect(slashQuery('/', 1)).toBe('');
    expect(slashQuery('/Res', 4)).toBe('res');
    expect(slashQuery('/results watch', 3)).toBe('re');
  });

  test('a slash later in the text, a second word, or other characters are not', () => {
    expect(slashQuery('see /results', 12)).toBeNull();
    expect(slashQuery('/results watch', 14)).toBeNull();
    expect(slashQuery('/results ', 9)).toBeNull();
    expect(slashQuery('/etc/hosts', 10)).toBeNull();
    expect(slashQuery(' /results', 9)).toBeNull();
  });
});

describe('parseCommandLine', () => {
  test('splits the command name from its text, whatever the case and spacing', () => {
    expect(parseCommandLine('/request phlebotomy bed 12  fasting')).toEqual({ command: 'request', text: 'phlebotomy bed 12  fasting' });
    expect(parseCommandLine('  /HELP  ')).toEqual({ command: 'help', text: '' });
    expect(parseCommandLine('/results watch\n943 476 5919')).toEqual({ command: 'results', text: 'watch\n943 476 5919' });
  });

  test('text that only looks like a command is a message', () => {
    expect(parseCommandLine('/etc/hosts is broken')).toBeNull();
    expect(parseCommandLine('// comment')).toBeNull();
    expect(parseCommandLine('/ results')).toBeNull();
    expect(parseCommandLine('please /help')).toBeNull();
  });
});

describe('matchCommands', () => {
  test('names starting with what was typed come first, then names containing it; /help is always offered', () => {
    expect(matchCommands('re', [results, remind, request]).map((c) => c.name)).toEqual(['results', 'remind', 'request']);
    expect(matchCommands('sul', [results, request]).map((c) => c.name)).toEqual(['results']);
    expect(matchCommands('', [request]).map((c) => c.name)).toEqual(['request', 'help']);
    expect(matchCommands('he', [request]).map((c) => c.name)).toEqual(['help']);
    expect(matchCommands('zzz', [request])).toEqual([]);
  });

  test('offers at most a screenful, and one /help even when the server lists it too', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ name: `cmd${i}` }));
    expect(matchCommands('', many)).toHaveLength(MAX_COMMAND_SUGGESTIONS);
    expect(matchCommands('help', [{ name: 'help', description: 'server help' }]).map((c) => c.name)).toEqual(['help']);
  });
});

describe('helpText', () => {
  test('lists every command with its usage and description', () => {
    const text = helpText([request, results]);
    expect(text).toContain('`/request <service> [urgent|emergency] <details>` — Ask a service for something');
    expect(text).toContain('`/results watch|unwatch|watches …`');
    expect(helpText([])).toBe('No commands can be used in this conversation.');
  });
});

describe('CommandCatalogue', () => {
  test('asks the server once per conversation, again after a while, and again after a failure', async () => {
    let now = 0;
    const fetch = vi.fn(async (id: string) => (id === 'bad' ? Promise.reject(new Error('offline')) : [request]));
    const catalogue = new CommandCatalogue(fetch, () => now);
    await catalogue.commands('c1');
    await catalogue.commands('c1');
    await catalogue.commands('c2');
    expect(fetch.mock.calls.map((c) => c[0])).toEqual(['c1', 'c2']);
    now = COMMANDS_TTL_MS + 1;
    await catalogue.commands('c1');
    expect(fetch).toHaveBeenCalledTimes(3);
    await expect(catalogue.commands('bad')).rejects.toThrow('offline');
    await expect(catalogue.commands('bad')).rejects.toThrow('offline');
    expect(fetch.mock.calls.filter((c) => c[0] === 'bad')).toHaveLength(2);
  });
});
