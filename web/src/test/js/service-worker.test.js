import { assertEqual, assertTrue, test } from './harness.js';

// Registers the real worker from the root (the test server serves the built webroot there), checks
// what it caches for an offline start and the manifest that makes the app installable, then
// unregisters it so nothing else runs under it.
test('the service worker installs from the root and caches the shell and the offline screen', async () => {
  const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  try {
    await navigator.serviceWorker.ready;
    assertEqual(registration.scope, `${location.origin}/`, 'controls the whole app');
    const cache = await caches.open('parley-shell-v1');
    for (const path of ['/', '/offline.html', '/js/main.js', '/css/base.css', '/manifest.webmanifest', '/icons/icon-192.png']) {
      assertTrue(await cache.match(path), `${path} cached`);
    }
    const offline = await (await cache.match('/offline.html')).text();
    assertTrue(offline.includes('You are offline'), 'the offline screen');
  } finally {
    await registration.unregister();
    await caches.delete('parley-shell-v1');
  }
}, { timeoutMs: 15_000 });

test('the manifest names the app, its colours and icons that exist in both sizes', async () => {
  const manifest = await (await fetch('/manifest.webmanifest')).json();
  assertEqual([manifest.name, manifest.start_url, manifest.display], ['Parley', '/', 'standalone'], 'basics');
  assertTrue(manifest.theme_color && manifest.background_color, 'colours');
  for (const size of ['192x192', '512x512']) {
    const icon = manifest.icons.find((entry) => entry.sizes === size && entry.type === 'image/png');
    assertTrue(icon, `a ${size} icon`);
    const response = await fetch(icon.src);
    assertTrue(response.ok && (await response.blob()).type === 'image/png', `${icon.src} served`);
  }
  assertTrue(manifest.icons.some((entry) => entry.purpose === 'maskable'), 'a maskable icon');
});
