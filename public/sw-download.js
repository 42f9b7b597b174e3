// Download helper (lib/client/files/download/download-sinks.ts). The vault page
// decrypts a file and hands this worker the plaintext as a ReadableStream;
// the worker answers a hidden frame's request for /sw-download/<id> with that
// stream, Content-Disposition and Content-Length, so the browser saves it
// like any download without the page holding the whole file in memory.
// It only ever serves streams the page gave it, once each, and controls only
// /sw-download/ (its registration scope).
const pending = new Map();

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'download') return; // 'ping' only keeps the worker awake
  if (typeof data.id !== 'string' || !(data.readable instanceof ReadableStream)) return;
  pending.set(data.id, { name: String(data.name), size: Number(data.size), readable: data.readable });
  // Links that are never opened should not pin memory forever.
  setTimeout(() => pending.delete(data.id), 60_000);
  event.ports[0]?.postMessage('ready');
});

function contentDisposition(name) {
  // An ASCII fallback for old clients plus the exact UTF-8 name (RFC 6266, RFC 5987).
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_') || 'download';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const id = url.pathname.slice(scope.pathname.length);
  const entry = pending.get(id);
  pending.delete(id);
  if (!entry) {
    event.respondWith(new Response('This download link has expired.', { status: 404, headers: { 'Content-Type': 'text/plain' } }));
    return;
  }
  event.respondWith(new Response(entry.readable, {
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(entry.size),
      'Content-Disposition': contentDisposition(entry.name),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  }));
});
