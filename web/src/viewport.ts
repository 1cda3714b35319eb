/**
 * Keeps the composer above the on-screen keyboard. Chromium on Android honours the viewport's
 * `interactive-widget=resizes-content` (index.html): the keyboard shrinks the layout viewport,
 * and the shell's `100dvh` follows. Safari on iOS ignores it and only shrinks the visual
 * viewport, so there the shell's height is set from VisualViewport (`--app-height`, read by
 * responsive.css) while the keyboard is up. Not while zoomed in: a pinch also shrinks the
 * visual viewport, and the app must not shrink with it.
 */
export function followVisualViewport(win: Window = window): () => void {
  const vv = win.visualViewport;
  if (!vv) return () => {};
  const root = win.document.documentElement;
  const update = () => {
    const covered = win.innerHeight - vv.height;
    if (covered > 1 && Math.abs(vv.scale - 1) < 0.01) {
      root.style.setProperty('--app-height', `${Math.round(vv.height)}px`);
      // iOS scrolls the page to show the focused box; the shell now fits, so put it back.
      if (win.scrollY !== 0) win.scrollTo(0, 0);
    } else {
      root.style.removeProperty('--app-height');
    }
  };
  vv.addEventListener('resize', update);
  update();
  return () => {
    vv.removeEventListener('resize', update);
    root.style.removeProperty('--app-height');
  };
}
