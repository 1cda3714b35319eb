// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { followVisualViewport } from './viewport';

/** A window whose visual viewport can shrink as a keyboard (or a pinch) would make it. */
function fakeWindow(innerHeight: number) {
  const listeners: (() => void)[] = [];
  const vv = {
    height: innerHeight,
    scale: 1,
    addEventListener: (_: string, f: () => void) => listeners.push(f),
    removeEventListener: () => {},
  };
  const root = document.createElement('html');
  const win = { innerHeight, visualViewport: vv, document: { documentElement: root }, scrollY: 0, scrollTo: () => {} };
  const resize = (height: number, scale = 1) => {
    vv.height = height;
    vv.scale = scale;
    listeners.forEach((f) => f());
  };
  return { win: win as unknown as Window, root, resize };
}

describe('followVisualViewport', () => {
  it('sets the app height to what the keyboard leaves, and clears it when the keyboard goes', () => {
    const { win, root, resize } = fakeWindow(800);
    followVisualViewport(win);
    expect(root.style.getPropertyValue('--app-height')).toBe('');
    resize(460.4);
    expect(root.style.getPropertyValue('--app-height')).toBe('460px');
    resize(800);
    expect(root.style.getPropertyValue('--app-height')).toBe('');
  });

  it('leaves the app alone while the person zooms in', () => {
    const { win, root, resize } = fakeWindow(800);
    followVisualViewport(win);
    resize(400, 2);
    expect(root.style.getPropertyValue('--app-height')).toBe('');
  });
});
