import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runPublish } from '../../src/cli/publish-command.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import type { Manifest } from '../../src/publish/manifest.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos } from '../../src/runtime/start-pharos.ts';

describe('pharos publish --out DIR', () => {
  let dir: string;
  let configFile: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-publish-cli-'));
    configFile = join(dir, 'pharos.yaml');
    const text = `
title: Acme
storage: { url: "sqlite:${join(dir, 'p.db')}" }
components:
  - { id: api, name: API }
`;
    await writeFile(configFile, text);
    // the store as a running Pharos leaves it
    const pharos = await startPharos({
      config: parseConfigText(text, 'p.yaml', {}),
      port: 0,
      logger: createLogger('silent'),
    });
    await pharos.close();
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const run = (out: string) => runPublish({ config: configFile, positionals: [], options: { out } });

  test('writes the site as files with a manifest of content hashes; a second run rewrites nothing', async () => {
    const out = join(dir, 'site');
    await writeFile(join(dir, 'unrelated.txt'), 'mine');
    assert.equal(await run(out), 0);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as Manifest;
    for (const path of [
      'index.html',
      'api/v2/summary.json',
      'history.rss',
      'history.atom',
      'badge/api/status.svg',
      'widget.js',
      'widget/index.html',
      'history/index.html',
    ])
      assert.ok(manifest.files[path], path);
    const html = await readFile(join(out, 'index.html'), 'utf8');
    assert.match(html, /<h1|API/);
    assert.doesNotMatch(html, /__PHAROS_ETAG__/);
    // the page works without JavaScript: the status is in the HTML itself
    assert.match(html, /API/);
    const { createHash } = await import('node:crypto');
    const summary = await readFile(join(out, 'api/v2/summary.json'));
    assert.equal(manifest.files['api/v2/summary.json']!.sha256, createHash('sha256').update(summary).digest('hex'));
    const mtime = (await stat(join(out, 'index.html'))).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(await run(out), 0);
    assert.equal((await stat(join(out, 'index.html'))).mtimeMs, mtime, 'unchanged files are not rewritten');
  });

  test('without --out nor publish: it says what to give', async () => {
    assert.equal(await runPublish({ config: configFile, positionals: [], options: {} }), 2);
  });
});
