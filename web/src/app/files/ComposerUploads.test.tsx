// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError } from '../../api';
import { chatFixture, direct } from '../../testing/chatFixture';
import type { FileView } from '../../types';
import { mount, type Mounted } from '../bots/mount.test-util';
import type { ChatActions } from '../chat/chatActions';
import { Composer } from '../chat/Composer';
import type { MembersStore } from '../teams/membersStore';
import type { UploadTransport } from './upload';
import { UploadList } from './uploadList';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));

/** A server whose completing PUT waits until the test lets it answer. */
function transport() {
  const finish: ((f: FileView | Error) => void)[] = [];
  const t: UploadTransport = {
    create: vi.fn(async (req) => ({ id: `u-${req.name}`, offset: 0, size: req.size, chunkBytes: 1024 })),
    put: vi.fn(
      (id: string, _offset: number, chunk: Blob) =>
        new Promise<{ id: string; offset: number; size: number; file?: FileView }>((resolve, reject) =>
          finish.push((f) => (f instanceof Error ? reject(f) : resolve({ id, offset: chunk.size, size: chunk.size, file: f }))),
        ),
    ),
    status: vi.fn(),
    remove: vi.fn(async () => {}),
  };
  return { t, finish };
}

const view = (id: string): FileView => ({ id, name: `${id}.png`, contentType: 'image/png', size: 3, status: 'ready', createdAt: '', uploaderId: 'me' });

async function composer() {
  const f = chatFixture([direct('c1', 1)]);
  const server = transport();
  const uploads = new UploadList('c1', server.t);
  const actions = { send: vi.fn(), typing: vi.fn() } as unknown as ChatActions;
  const members = { membersOf: vi.fn(async () => []) } as unknown as MembersStore;
  mounted = await mount(<Composer people={f.people} members={members} actions={actions} conversation={f.conversations.conversation('c1')!} title="Bob" uploads={uploads} />);
  const send = () => [...mounted!.container.querySelectorAll('button')].find((b) => b.type === 'submit')!;
  const box = mounted.container.querySelector('textarea')!;
  return { uploads, server, actions, send, box };
}

describe('attachments in the composer', () => {
  test('Send waits for the upload, then sends the file with no text', async () => {
    const c = await composer();
    await act(async () => c.uploads.add([{ blob: new Blob(['abc']), name: 'ecg.png' }]));
    await settle();
    const chip = document.querySelector('.upload-chip')!;
    expect(chip.textContent).toContain('ecg.png');
    expect(chip.querySelector('progress')).not.toBeNull();
    expect(c.send().disabled).toBe(true);
    expect(c.box.getAttribute('aria-describedby')).toContain(' ');
    await act(async () => c.server.finish[0](view('f1')));
    await settle();
    expect(c.send().disabled).toBe(false);
    await act(async () => c.send().click());
    expect(c.actions.send).toHaveBeenCalledWith('c1', '', { threadRootId: undefined, urgent: undefined, files: ['f1'] });
    expect(document.querySelector('.upload-chip')).toBeNull();
  });

  test('a refused file shows why on its chip and holds Send until it is removed', async () => {
    const c = await composer();
    await act(async () => c.uploads.add([{ blob: new Blob(['abc']), name: 'page.html' }]));
    await settle();
    await act(async () => c.server.finish[0](new ApiError(415, 'no', undefined, { type: 'urn:confer:problem:file-type-not-allowed' })));
    await settle();
    expect(document.querySelector('.upload-chip [role="alert"]')!.textContent).toBe('This type of file cannot be shared here.');
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(c.box, 'hello');
      c.box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(c.send().disabled).toBe(true);
    await act(async () => document.querySelector<HTMLButtonElement>('[aria-label="Remove page.html"]')!.click());
    expect(c.send().disabled).toBe(false);
  });

  test('a pasted picture is attached with a name; pasted text stays text', async () => {
    const c = await composer();
    const paste = (files: File[], types: string[]) => {
      const e = new Event('paste', { bubbles: true, cancelable: true });
      Object.defineProperty(e, 'clipboardData', { value: { files, types } });
      c.box.dispatchEvent(e);
      return e;
    };
    let e: Event | null = null;
    await act(async () => void (e = paste([new File(['x'], 'image.png', { type: 'image/png' })], ['Files'])));
    expect(e!.defaultPrevented).toBe(true);
    expect(c.uploads.items().map((u) => u.name)[0]).toMatch(/^Pasted image .*\.png$/);
    await act(async () => void (e = paste([new File(['x'], 'image.png', { type: 'image/png' })], ['text/plain', 'Files'])));
    expect(e!.defaultPrevented).toBe(false);
    expect(c.uploads.items()).toHaveLength(1);
  });

  test('cancelling a chip while it uploads deletes the upload', async () => {
    const c = await composer();
    await act(async () => c.uploads.add([{ blob: new Blob(['abc']), name: 'scan.pdf' }]));
    await settle();
    await act(async () => document.querySelector<HTMLButtonElement>('[aria-label="Cancel uploading scan.pdf"]')!.click());
    expect(c.server.t.remove).toHaveBeenCalledWith('u-scan.pdf');
    expect(document.querySelector('.upload-chip')).toBeNull();
  });
});
