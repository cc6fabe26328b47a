import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PublicBaseUrl } from './public-base-url.ts';

test('the public base URL: server.base_url as configured, else localhost at the port listened on (known after listen with port 0)', () => {
  const configured = new PublicBaseUrl('https://status.example.com/', 0);
  configured.listening(41234);
  assert.equal(configured.href, 'https://status.example.com');
  assert.equal(configured.https, true);

  const fixed = new PublicBaseUrl(undefined, 3000);
  assert.equal(fixed.href, 'http://localhost:3000');

  const anyPort = new PublicBaseUrl(undefined, 0);
  const links = anyPort.eventLinks();
  assert.throws(() => anyPort.href, /known once the server listens/);
  anyPort.listening(41234);
  assert.equal(anyPort.href, 'http://localhost:41234');
  assert.deepEqual(
    { ...links },
    { pageUrl: 'http://localhost:41234', adminUrl: 'http://localhost:41234/admin' },
    'links made before listen read the URL when used',
  );
  assert.equal(anyPort.https, false);
});
