// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { MessageFile } from '../../types';
import { mount, type Mounted } from '../bots/mount.test-util';
import { MessageFiles } from './MessageFiles';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});
beforeAll(() => {
  const proto = HTMLDialogElement.prototype as unknown as Record<string, unknown>;
  if (typeof proto.showModal !== 'function') proto.showModal = function (this: HTMLDialogElement) { this.setAttribute('open', ''); };
  if (typeof proto.close !== 'function') proto.close = function (this: HTMLDialogElement) { this.removeAttribute('open'); };
});

const file = (id: string, over: Partial<MessageFile> = {}): MessageFile => ({
  id, name: `${id}.png`, contentType: 'image/png', size: 2048, status: 'ready', width: 1600, height: 1200, thumbnail: true, ...over,
});

const viewer = () => document.querySelector<HTMLDialogElement>('dialog.file-viewer');

describe('MessageFiles', () => {
  test('pictures show as thumbnails with their space reserved; other files as chips with a download link', async () => {
    mounted = await mount(
      <MessageFiles files={[file('a'), file('letter', { name: 'discharge <b>letter</b>.pdf', contentType: 'application/pdf', thumbnail: false, width: null, height: null })]} />,
    );
    const img = document.querySelector<HTMLImageElement>('.file-thumb img')!;
    expect(img.getAttribute('src')).toBe('/api/v1/files/a/thumbnail');
    expect([img.getAttribute('width'), img.getAttribute('height')]).toEqual(['320', '240']);
    const chip = document.querySelector('.message-file')!;
    expect(chip.querySelector('b')).toBeNull();
    expect(chip.textContent).toContain('discharge <b>letter</b>.pdf');
    expect(chip.querySelector('a')!.getAttribute('href')).toBe('/api/v1/files/letter/content?download=1');
  });

  test('a file being checked is greyed without a link; an infected one says it was blocked', async () => {
    mounted = await mount(<MessageFiles files={[file('s', { status: 'scanning' }), file('v', { status: 'infected', name: 'eicar.com', contentType: 'application/octet-stream' })]} />);
    const [scanning, infected] = [...document.querySelectorAll('.message-file')];
    expect(scanning.className).toContain('file-scanning');
    expect(scanning.textContent).toContain('Checking for viruses…');
    expect(scanning.querySelector('a, button')).toBeNull();
    expect(infected.textContent).toContain('Blocked: a virus was found');
    expect(infected.querySelector('a')).toBeNull();
  });

  test('a thumbnail opens the viewer, which goes through the conversation pictures and closes with Escape', async () => {
    const all = [file('a'), file('b'), file('pdf', { contentType: 'application/pdf' }), file('c', { status: 'scanning' })];
    mounted = await mount(<MessageFiles files={[all[1]]} gallery={() => all} />);
    await act(async () => document.querySelector<HTMLButtonElement>('.file-thumb')!.click());
    expect(viewer()?.open ?? viewer()?.hasAttribute('open')).toBeTruthy();
    expect(viewer()!.querySelector('h2')!.textContent).toContain('2 of 2');
    expect(viewer()!.querySelector('.viewer-body img')!.getAttribute('src')).toBe('/api/v1/files/b/content');
    await act(async () => void viewer()!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true })));
    expect(viewer()!.querySelector('.viewer-body img')!.getAttribute('src')).toBe('/api/v1/files/a/content');
    await act(async () => document.querySelector<HTMLButtonElement>('[aria-label="Previous picture"]')!.click());
    expect(viewer()!.querySelector('.viewer-body img')!.getAttribute('src')).toBe('/api/v1/files/b/content');
    await act(async () => void viewer()!.dispatchEvent(new Event('cancel', { cancelable: true })));
    expect(viewer()).toBeNull();
  });

  test('a PDF opens in the browser viewer inside an iframe of its content', async () => {
    mounted = await mount(<MessageFiles files={[file('p', { name: 'rota.pdf', contentType: 'application/pdf', thumbnail: false })]} />);
    const open = [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Open'))!;
    await act(async () => open.click());
    expect(viewer()!.querySelector('iframe')!.getAttribute('src')).toBe('/api/v1/files/p/content');
    expect(viewer()!.querySelector('a')!.getAttribute('href')).toBe('/api/v1/files/p/content?download=1');
  });
});
