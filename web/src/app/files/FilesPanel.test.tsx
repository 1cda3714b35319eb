// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { chatFixture } from '../../testing/chatFixture';
import type { SharedFile } from '../../types';
import { mount, type Mounted } from '../bots/mount.test-util';
import { FilesPanel } from './FilesPanel';

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

const shared = (id: string, over: Partial<SharedFile> = {}): SharedFile => ({
  id, name: `${id}.png`, contentType: 'image/png', size: 4096, status: 'ready', thumbnail: true, width: 100, height: 80,
  createdAt: '', uploaderId: 'u', messageId: `m-${id}`, authorId: 'bob-0000', sharedAt: '2026-12-07T10:00:00Z', ...over,
});

const buttonNamed = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name)!;

describe('FilesPanel', () => {
  test('lists the files, switches to the pictures gallery, and goes to a file message', async () => {
    const load = vi.fn(async (o: { kind?: 'image' }) =>
      o.kind === 'image' ? { files: [shared('a')] } : { files: [shared('a'), shared('doc', { name: 'rota.docx', contentType: 'application/msword', thumbnail: false })], nextCursor: 'n' },
    );
    const onClose = vi.fn();
    const f = chatFixture();
    mounted = await mount(<FilesPanel title="Ward 7" people={f.people} conversationId="c1" load={load} onClose={onClose} />);
    await act(() => new Promise((r) => setTimeout(r, 0)));
    const rows = [...document.querySelectorAll('.files-list > li')];
    expect(rows.map((r) => r.querySelector('.chip-name')!.textContent)).toEqual(['a.png', 'rota.docx']);
    expect(buttonNamed('Load more')).toBeTruthy();
    await act(async () => buttonNamed('Pictures').click());
    expect(load).toHaveBeenLastCalledWith({ kind: 'image', before: undefined });
    expect(buttonNamed('Pictures').getAttribute('aria-pressed')).toBe('true');
    expect(document.querySelectorAll('.files-gallery img')).toHaveLength(1);
    await act(async () => buttonNamed('All files').click());
    await act(async () => [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Go to message'))!.click());
    expect(onClose).toHaveBeenCalled();
    expect(location.hash).toBe('#/c/c1/m/m-a');
  });
});
