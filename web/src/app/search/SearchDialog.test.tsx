// @vitest-environment jsdom
import { act, StrictMode } from 'react';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { ApiError } from '../../api';
import { chatFixture, direct, me } from '../../testing/chatFixture';
import { mount, type Mounted } from '../bots/mount.test-util';
import type { ChatController } from '../controller';
import { SearchDialog } from './SearchDialog';
import type { SearchAnswer } from './searchTypes';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
  history.replaceState(null, '', location.pathname);
});
beforeAll(() => {
  const proto = HTMLDialogElement.prototype as unknown as Record<string, unknown>;
  if (typeof proto.showModal !== 'function') proto.showModal = function (this: HTMLDialogElement) { this.setAttribute('open', ''); };
  if (typeof proto.close !== 'function') proto.close = function (this: HTMLDialogElement) { this.removeAttribute('open'); };
});

const answer: SearchAnswer = {
  messages: [
    {
      id: 'm1', conversationId: 'c1', conversationName: 'Ward 7', conversationKind: 'channel', seq: 4, authorId: 'u1', authorName: 'Sam Lee',
      text: 'bed 14 K+ 6.1 <img src=x onerror=alert(1)>', createdAt: '2026-12-07T08:00:00Z',
    },
    {
      id: 'r1', conversationId: 'c1', conversationName: 'Ward 7', conversationKind: 'channel', seq: 5, threadRootId: 'm1', authorId: 'u1',
      authorName: 'Sam Lee', text: 'repeat bed 14 at noon', createdAt: '2026-12-07T09:00:00Z',
    },
  ],
  nextCursor: 'more',
  people: [{ id: 'u1', displayName: 'Sam Lee', jobTitle: 'Nurse' }],
};

async function setup(search: (p: URLSearchParams, s: AbortSignal) => Promise<SearchAnswer>) {
  const f = chatFixture([direct('c1', 5, { kind: 'channel', name: 'Ward 7' })]);
  const chat = { ...f, me, title: (c: { name?: string }) => c.name ?? 'Chat', actions: { startDirect: vi.fn() } } as unknown as ChatController;
  const onClose = vi.fn();
  // StrictMode, as the app runs: it renders twice, which once made the option ids skip.
  mounted = await mount(
    <StrictMode>
      <SearchDialog chat={chat} remote={{ search }} onClose={onClose} onOpenConversation={() => {}} onOpenTeam={() => {}} here={{ id: 'c1', title: 'Ward 7' }} />
    </StrictMode>,
  );
  const box = document.querySelector<HTMLInputElement>('[role="combobox"]')!;
  return { box, onClose };
}

async function type(input: HTMLInputElement, value: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  // The debounce, then the answer.
  await act(() => new Promise((r) => setTimeout(r, 260)));
}

const key = (el: Element, k: string) => act(async () => void el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })));

describe('SearchDialog', () => {
  test('shows grouped results with the words highlighted as text, never as markup', async () => {
    const search = vi.fn(async () => answer);
    const { box } = await setup(search);
    await type(box, 'bed 14');
    expect(search).toHaveBeenCalledTimes(1);
    const groups = [...document.querySelectorAll('[role="group"]')].map((g) => document.getElementById(g.getAttribute('aria-labelledby')!)?.textContent);
    expect(groups).toEqual(['Messages', 'People']);
    const first = document.querySelector('[role="option"]')!;
    expect([...first.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['bed', '14']);
    expect(first.querySelector('img')).toBeNull();
    expect(first.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  test('arrows move through every group and Enter opens a thread reply at the reply', async () => {
    const { box, onClose } = await setup(async () => answer);
    await type(box, 'bed');
    await key(box, 'ArrowDown');
    await key(box, 'ArrowDown');
    expect(box.getAttribute('aria-activedescendant')).toMatch(/-1$/);
    const active = document.getElementById(box.getAttribute('aria-activedescendant')!)!;
    expect(active.getAttribute('aria-selected')).toBe('true');
    expect(active.textContent).toContain('thread reply');
    await key(box, 'Enter');
    expect(onClose).toHaveBeenCalled();
    expect(location.hash).toBe('#/c/c1/t/m1/m/r1');
  });

  test("shows the server's problem detail and tries again", async () => {
    const search = vi.fn().mockRejectedValueOnce(new ApiError(400, 'Enter fewer than 256 characters.')).mockResolvedValue({ messages: [] });
    const { box } = await setup(search);
    await type(box, 'x');
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('Enter fewer than 256 characters.');
    await act(async () => (document.querySelector('.search-error button') as HTMLButtonElement).click());
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(search).toHaveBeenCalledTimes(2);
    expect(document.querySelector('.search-status')?.textContent).toMatch(/Nothing found/);
  });

  test('the conversation filter and Load more send the contract parameters', async () => {
    const search = vi.fn(async (_p: URLSearchParams) => answer);
    const { box } = await setup(search);
    await type(box, 'bed');
    const here = [...document.querySelectorAll('label')].find((l) => l.textContent?.startsWith('In '))!.querySelector('input')!;
    await act(async () => here.click());
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(search.mock.calls.at(-1)![0].get('in')).toBe('c1');
    const more = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Load more messages')!;
    await act(async () => more.click());
    expect(search.mock.calls.at(-1)![0].get('cursor')).toBe('more');
  });
});
