/*
 * Confer's service worker: it makes the app installable and lets the app's shell (index.html,
 * the content-hashed /assets bundles, icons, manifest) load without a network. It caches the
 * shell ONLY. It never answers, caches or even looks at /api/ (REST answers, which carry message
 * text, names and presence) or the stream (a WebSocket, which a service worker cannot see):
 * Confer runs on shared ward PCs, and message content must not persist on a device after its
 * session ends (docs/decisions.md "Installable app"). Anything not listed below goes to the
 * network untouched.
 */
const CACHE = 'confer-shell-v1';
const SHELL = ['/', '/manifest.webmanifest', '/favicon.svg', '/icons/icon-192.png', '/icons/icon-512.png', '/icons/maskable-512.png'];

/** The only paths this worker serves; everything else (first of all /api/) is left alone. */
function isShell(url) {
  if (url.origin !== self.location.origin) return false;
  const p = url.pathname;
  if (p.startsWith('/api/')) return false;
  return p === '/' || p === '/index.html' || p.startsWith('/assets/') || p.startsWith('/icons/') || p === '/manifest.webmanifest' || p === '/favicon.svg';
}

/** The /assets/ files an index.html refers to (script and stylesheet). */
function assetsOf(html) {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
}

/**
 * Cache the page and what it loads. When it is a new build (it names other bundles), drop the
 * bundles of older builds, lazily loaded chunks included (a new build names its own).
 */
async function cacheShell(cache, indexResponse) {
  const html = await indexResponse.clone().text();
  const previous = await cache.match('/');
  const before = previous ? assetsOf(await previous.text()).join(' ') : '';
  await cache.put('/', indexResponse);
  const assets = assetsOf(html);
  await Promise.all(assets.map(async (a) => { if (!(await cache.match(a))) await cache.add(a); }));
  if (before === assets.join(' ')) return;
  for (const req of await cache.keys()) {
    const p = new URL(req.url).pathname;
    if (p.startsWith('/assets/') && !assets.includes(p)) await cache.delete(req);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const index = await fetch('/', { cache: 'no-cache', credentials: 'omit' });
    if (index.ok) await cacheShell(cache, index);
    await Promise.all(SHELL.slice(1).map((u) => cache.add(new Request(u, { cache: 'no-cache' })).catch(() => {})));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (!isShell(url)) return;
  if (req.mode === 'navigate' || url.pathname === '/' || url.pathname === '/index.html') {
    // The page: the network first, so a new release shows at once; the cached copy offline.
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      try {
        const fresh = await fetch(req);
        if (fresh.ok && fresh.type === 'basic') event.waitUntil(cacheShell(cache, fresh.clone()));
        return fresh;
      } catch (e) {
        const cached = await cache.match('/');
        if (cached) return cached;
        throw e;
      }
    })());
    return;
  }
  // Hashed bundles never change under a name; icons and manifest rarely: the cache first.
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(req);
    if (cached) return cached;
    const fresh = await fetch(req);
    if (fresh.ok && fresh.type === 'basic') await cache.put(req, fresh.clone());
    return fresh;
  })());
});
