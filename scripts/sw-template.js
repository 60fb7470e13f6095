// Each copy of the app on one site (the root, a sub-path) keeps its caches apart: the scope is
// part of every cache name, and only this scope's older caches are dropped (and those of
// versions before scoped names, which ran only at the root).
const SCOPED = CACHE + ' ' + self.registration.scope;

// Precache on install. The first version takes over at once; a later one waits until the page
// asks it to (the "update available, reload" prompt), so it never swaps under someone typing.
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SCOPED).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter(
              (key) =>
                key.startsWith('complaints-') &&
                key !== SCOPED &&
                (key.endsWith(' ' + self.registration.scope) || !key.includes(' ')),
            )
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

// Cache first. Every route is the single-page app, so navigations get index.html (of this
// scope: the root or the sub-path the app is published under).
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  const key = request.mode === 'navigate' ? new URL('index.html', self.registration.scope).href : request;
  event.respondWith(
    caches
      .open(SCOPED)
      .then((cache) => cache.match(key))
      .then((hit) => hit || fetch(request)),
  );
});
