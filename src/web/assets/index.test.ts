import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { pharosCss, pharosJs, webAssetByPath, webAssets } from './index.ts';

test('assets are read once and named by content hash', () => {
  for (const asset of [pharosCss, pharosJs]) {
    assert.ok(asset.body.length > 1000);
    assert.equal(asset.hash, createHash('sha256').update(asset.body).digest('hex').slice(0, 12));
    assert.equal(webAssetByPath(asset.path), asset);
  }
  assert.equal(pharosCss.path, `/assets/pharos.${pharosCss.hash}.css`);
  assert.equal(pharosJs.path, `/assets/pharos.${pharosJs.hash}.js`);
  assert.equal(webAssets.css, pharosCss.body);
  assert.equal(webAssets.jsHash, pharosJs.hash);
  assert.equal(webAssetByPath('/assets/pharos.000000000000.css'), undefined);
});

test('the stylesheet covers dark mode, reduced motion and focus; the script is plain JavaScript', () => {
  assert.match(pharosCss.body, /@media \(prefers-color-scheme: dark\)/);
  assert.match(pharosCss.body, /@media \(prefers-reduced-motion: reduce\)/);
  assert.match(pharosCss.body, /:focus-visible/);
  assert.doesNotThrow(() => new Function(pharosJs.body));
  assert.match(pharosJs.body, /new window\.EventSource\(base \+ '\/api\/v2\/stream'\)/);
});
