// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { chatFixture, direct } from '../../testing/chatFixture';
import type { ChatActions } from '../chat/chatActions';
import { Composer } from '../chat/Composer';
import type { MembersStore } from '../teams/membersStore';
import { BotsSession } from './botsSession';
import { mount, type Mounted } from './mount.test-util';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

/** The main composer of a direct chat, with slash commands from a fake server. */
async function composer() {
  const f = chatFixture([direct('c1', 1)]);
  const remote = {
    commands: vi.fn(async () => [
      { name: 'request', usage: '<service> [urgent|emergency] <details>', description: 'Ask a service for something' },
      { name: 'results', usage: 'watch|unwatch|watches', description: 'Follow a patient’s results' },
    ]),
    runCommand: vi.fn(async () => ({ text: 'Request #12 filed.' })),
  };
  const bots = new BotsSession(remote);
  const actions = { send: vi.fn(), typing: vi.fn() } as unknown as ChatActions;
  const members = { membersOf: vi.fn(async () => []) } as unknown as MembersStore;
  mounted = await mount(
    <Composer people={f.people} members={members} actions={actions} conversation={f.conversations.conversation('c1')!} title="Bob" bots={bots} />,
  );
  const box = mounted.container.querySelector('textarea')!;
  const type = async (value: string) => {
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(box, value);
      box.setSelectionRange(value.length, value.length);
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => new Promise((r) => setTimeout(r, 0)));
  };
  const key = async (k: string) => {
    await act(async () => {
      box.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
    });
    await act(async () => new Promise((r) => setTimeout(r, 20)));
  };
  const options = () => [...mounted!.container.querySelectorAll('[role="option"]')].map((o) => o.textContent);
  return { f, bots, remote, actions, box, type, key, options };
}

describe('slash commands in the composer', () => {
  test('a slash at the start offers the conversation’s commands with their usage, as a listbox the text box controls', async () => {
    const c = await composer();
    await c.type('/');
    expect(c.options()).toEqual([
      '/request<service> [urgent|emergency] <details>Ask a service for something',
      '/resultswatch|unwatch|watchesFollow a patient’s results',
      '/helpList the commands you can use here',
    ]);
    expect(c.box.getAttribute('aria-expanded')).toBe('true');
    expect(c.box.getAttribute('aria-controls')).toBe(mounted!.container.querySelector('[role="listbox"]')!.id);
    await c.type('/res');
    expect(c.options()).toHaveLength(1);
    expect(c.options()[0]).toMatch(/^\/resultswatch/);
    expect(c.remote.commands).toHaveBeenCalledTimes(1);
  });

  test('Enter completes the chosen command, then runs the line instead of sending it as a message', async () => {
    const c = await composer();
    await c.type('/req');
    await c.key('Enter');
    expect(c.box.value).toBe('/request ');
    await c.type('/request phlebotomy bed 12 fasting bloods');
    await c.key('Enter');
    expect(c.remote.runCommand).toHaveBeenCalledWith('c1', 'request', 'phlebotomy bed 12 fasting bloods');
    expect(c.actions.send).not.toHaveBeenCalled();
    expect(c.box.value).toBe('');
    expect(c.bots.replies.replies('c1').map((r) => r.text)).toEqual(['Request #12 filed.']);
  });

  test('/help typed in full runs at once and lists the commands; ordinary text is sent as a message', async () => {
    const c = await composer();
    await c.type('/help');
    await c.key('Enter');
    expect(c.bots.replies.replies('c1')[0].text).toContain('/request <service>');
    expect(c.remote.runCommand).not.toHaveBeenCalled();
    await c.type('/etc/hosts is broken on ward 7');
    await c.key('Enter');
    expect(c.actions.send).toHaveBeenCalledWith('c1', '/etc/hosts is broken on ward 7', undefined);
  });

  test('a command this conversation does not have is refused with a reason and the line is kept', async () => {
    const c = await composer();
    await c.type('/resluts watch');
    await c.key('Enter');
    expect(mounted!.container.querySelector('[role="alert"]')?.textContent).toContain('/resluts is not a command here');
    expect(c.box.value).toBe('/resluts watch');
    expect(c.remote.runCommand).not.toHaveBeenCalled();
  });
});
