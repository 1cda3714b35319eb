/**
 * Registers public/sw.js, which caches the app's shell only (never /api/ or the stream: see the
 * worker's header and docs/decisions.md "Installable app"). Without service workers (an old
 * browser, a policy that turns them off, plain http on a non-local host) the app works as before,
 * only not installable and not offline-capable.
 */
export function registerServiceWorker(nav: Navigator = navigator): void {
  if (!('serviceWorker' in nav)) return;
  const register = () => nav.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {});
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
