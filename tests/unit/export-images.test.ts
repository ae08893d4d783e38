/**
 * The HTML export's images (issue 16) through the real service: vault images
 * are embedded as data: URIs (size-capped, with a note for one left out),
 * remote images stay links unless the user chose to load them, and the
 * document stays inert either way.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMBED_MAX_BYTES, EMBED_TOTAL_BYTES, loadExportImages } from '../../src/core/export/export-images.js';
import { AlmanacService } from '../../src/core/service/almanac-service.js';
import { VaultImages } from '../../src/core/vault/images.js';
import { findActiveHtml } from '../helpers/html-inertness.js';
import { pngImage, svgImage } from '../helpers/images.js';
import { digest, tempDir, type TempDir } from '../helpers/temp-vault.js';
import { WORKER_URL } from '../helpers/worker.js';

const BODY = [
  '## Charts',
  '',
  '![chart](images/chart.png) ![shot](/img/shot.png) ![diagram](./diagram.svg)',
  '',
  '![big](images/big.png) ![gone](images/none.png)',
  '',
  '![remote](https://example.com/r.png) ![insecure](http://example.com/i.png) ![ref][logo]',
  '',
  '[logo]: images/chart.png',
].join('\n');

describe('HTML export images', () => {
  let dir: TempDir;
  let service: AlmanacService;
  let sectionIds: string[];

  beforeEach(async () => {
    dir = tempDir('almanac-export-images-');
    dir.write('vault/weekly/w02/index.md', digest({ title: 'Images', date: '2026-01-09' }, BODY));
    dir.write('vault/weekly/w02/images/chart.png', pngImage(8, 6));
    dir.write('vault/static/img/shot.png', pngImage(4, 4));
    dir.write('vault/weekly/w02/diagram.svg', svgImage(10, 10, '<script>alert(1)</script>'));
    dir.write('vault/weekly/w02/images/big.png', pngImage(2, 2, [0, 0, 0], EMBED_MAX_BYTES + 1024));
    service = new AlmanacService({ vaultPath: `${dir.root}/vault`, dbPath: `${dir.root}/index.db`, workerUrl: WORKER_URL, poolSize: 1 });
    await service.reindex();
    sectionIds = (await service.getDigest('weekly/w02/index.md')).sections.map((s) => s.id);
  });
  afterEach(async () => {
    await service.close();
    dir.cleanup();
  });

  it('embeds vault images (relative, root-relative, page bundle, by reference) and notes one left out', async () => {
    const { content } = await service.exportSections({ sectionIds, format: 'html' });
    const srcs = [...content.matchAll(/<img src="([^"]*)"/g)].map((m) => m[1]!.slice(0, 30));
    expect(srcs).toEqual(['data:image/png;base64,iVBORw0K', 'data:image/png;base64,iVBORw0K', 'data:image/svg+xml;base64,PD94', 'data:image/png;base64,iVBORw0K']);
    expect(content).toContain(`data:image/png;base64,${pngImage(8, 6).toString('base64')}`);
    expect(content).toContain('[big] (image left out of this export, larger than 2 MB: <code>weekly/w02/images/big.png</code>)');
    // Not found in the vault: its alt text and the path it named, as before.
    expect(content).toContain('gone (vault: <code>weekly/w02/images/none.png</code>)');
    expect(content).toContain('<a href="https://example.com/r.png" rel="noopener noreferrer">[remote]</a>');
    expect(content).toContain('<a href="http://example.com/i.png" rel="noopener noreferrer">[insecure]</a>');
    expect(content).toContain("img-src data:; base-uri 'none'");
    expect(await findActiveHtml(content)).toEqual([]);
  });

  it('keeps https: images as images, and allows them in its policy, only when the user chose to load remote images', async () => {
    const { content } = await service.exportSections({ sectionIds, format: 'html', remoteImages: true });
    expect(content).toContain('<img src="https://example.com/r.png" alt="remote">');
    expect(content).toContain("img-src data: https:; base-uri 'none'");
    expect(content).not.toContain('<img src="http://example.com/i.png"');
  });

  it('leaves the Markdown export as it was: vault images become their alt text and path', async () => {
    const { content } = await service.exportSections({ sectionIds, format: 'md' });
    expect(content).toContain('chart (vault: `weekly/w02/images/chart.png`)');
    expect(content).not.toContain('data:image');
  });

  it('stops embedding past the budget of all images, and says so for each one left out', async () => {
    const each = Math.floor(EMBED_MAX_BYTES * 0.9);
    const count = Math.ceil(EMBED_TOTAL_BYTES / each) + 1;
    const markdown = Array.from({ length: count }, (_, i) => `![n${i}](n${i}.png)`).join('\n');
    for (let i = 0; i < count; i++) dir.write(`vault/many/n${i}.png`, pngImage(1, 1, [i, 0, 0], each));
    const images = await loadExportImages(
      [{ sectionId: 's', digestPath: 'many/a.md', digestTitle: 'a', date: null, week: null, heading: '', headingPath: [], level: 0, ordinal: 0, markdown }],
      new VaultImages(`${dir.root}/vault`),
      false,
    );
    const embedded = Object.keys(images.embedded).length;
    expect(embedded).toBe(Math.floor(EMBED_TOTAL_BYTES / each));
    expect(Object.values(images.omitted)).toHaveLength(count - embedded);
    expect(Object.values(images.omitted).every((o) => o.reason === 'budget')).toBe(true);
  });
});
