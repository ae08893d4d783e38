/**
 * The vault's images (issue 16): what a file is by its content, the size its
 * header states, where a Markdown image source may be in the vault, and the
 * guards of every read (core/vault/images.ts) against hostile paths and
 * files.
 */
import { renameSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { imageCandidates, imageRefs } from '../../src/core/parse/image-refs.js';
import { imageSize, sniffImageType } from '../../src/core/vault/image-file.js';
import { contentEtag, MAX_IMAGE_BYTES, VaultImages } from '../../src/core/vault/images.js';
import { imageSourceKind } from '../../src/shared/url-policy.js';
import { avifHeader, GIF_1X1, jpegHeader, pngImage, svgImage, webpHeader } from '../helpers/images.js';
import { tempDir, type TempDir } from '../helpers/temp-vault.js';

describe('sniffImageType and imageSize', () => {
  it('tells each image type by its first bytes and reads the size its header states', () => {
    const cases: [Uint8Array, string, number, number][] = [
      [pngImage(31, 17), 'png', 31, 17],
      [GIF_1X1, 'gif', 1, 1],
      [jpegHeader(640, 480), 'jpeg', 640, 480],
      [webpHeader(1200, 630), 'webp', 1200, 630],
      [avifHeader(800, 450), 'avif', 800, 450],
      [Buffer.from(svgImage(120, 40)), 'svg', 120, 40],
    ];
    for (const [bytes, type, width, height] of cases) {
      expect(sniffImageType(bytes), type).toBe(type);
      expect(imageSize(bytes, sniffImageType(bytes)!), type).toEqual({ width, height });
    }
  });

  it('gives a JPEG that EXIF turns a quarter its shown size', () => {
    expect(imageSize(jpegHeader(640, 480, true), 'jpeg')).toEqual({ width: 480, height: 640 });
  });

  it("reads an SVG's viewBox when it states no pixel size", () => {
    expect(imageSize(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 300 150"></svg>'), 'svg')).toEqual({ width: 300, height: 150 });
  });

  it('is no image for HTML (also HTML that embeds an SVG), text, an SVG with entity declarations, or nothing', () => {
    const notImages = [
      '<!doctype html><html><body><script>alert(1)</script></body></html>',
      '<html><svg onload="alert(1)"></svg></html>',
      'just text',
      '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
      '',
    ];
    for (const text of notImages) expect(sniffImageType(Buffer.from(text)), text).toBeNull();
  });

  it('takes an SVG with script and event handlers for an SVG: the route serves it inert (see the server test)', () => {
    const hostile = svgImage(10, 10, '<script>alert(1)</script><rect onload="alert(1)"/>');
    expect(sniffImageType(Buffer.from(`\uFEFF<!-- a comment -->${hostile}`))).toBe('svg');
  });
});

describe('imageSourceKind', () => {
  it('loads local paths, keeps https for the user to allow, shows only base64 raster data, and blocks the rest', () => {
    expect(imageSourceKind('images/chart.png')).toBe('local');
    expect(imageSourceKind('/img/shot.png')).toBe('local');
    expect(imageSourceKind('https://example.com/a.png')).toBe('remote');
    expect(imageSourceKind('data:image/png;base64,iVBORw0KGgo=')).toBe('inline');
    for (const src of ['http://example.com/a.png', 'file:///etc/passwd', 'javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'data:image/svg+xml;base64,PHN2Zz4=', '//evil.example/a.png', 'C:\\img.png', '']) {
      expect(imageSourceKind(src), src).toBe('blocked');
    }
  });
});

describe('imageCandidates', () => {
  it('resolves relative sources from the digest folder and page bundles from their folder', () => {
    expect(imageCandidates('weekly/2024/w02.md', 'images/20240112/chart.png')).toEqual(['weekly/2024/images/20240112/chart.png']);
    expect(imageCandidates('2024-06/index.md', './diagram.png')).toEqual(['2024-06/diagram.png']);
    expect(imageCandidates('weekly/a.md', '../img/x%20y.png?raw=1#top')).toEqual(['img/x y.png']);
  });

  it('tries root-relative sources at the vault root, then the static folders from the digest folder up', () => {
    expect(imageCandidates('site/content/post.md', '/img/shot.png')).toEqual([
      'img/shot.png',
      'site/content/static/img/shot.png',
      'site/content/public/img/shot.png',
      'site/content/website/static/img/shot.png',
      'site/content/assets/img/shot.png',
      'site/static/img/shot.png',
      'site/public/img/shot.png',
      'site/website/static/img/shot.png',
      'site/assets/img/shot.png',
      'static/img/shot.png',
      'public/img/shot.png',
      'website/static/img/shot.png',
      'assets/img/shot.png',
    ]);
  });

  it('looks for a bare name (a wikilink embed) next to the digest, in its attachment folders, then the same for each folder above', () => {
    const got = imageCandidates('notes/weekly/w05.md', 'chart.png');
    expect(got.slice(0, 3)).toEqual(['notes/weekly/chart.png', 'notes/weekly/attachments/chart.png', 'notes/weekly/Attachments/chart.png']);
    expect(got).toContain('notes/assets/chart.png');
    expect(got).toContain('chart.png');
    expect(got.at(-1)).toBe('media/chart.png');
    expect(got.indexOf('notes/chart.png')).toBeLessThan(got.indexOf('attachments/chart.png'));
    // A name with a folder stays where it points.
    expect(imageCandidates('notes/weekly/w05.md', 'img/chart.png')).toEqual(['notes/weekly/img/chart.png']);
    expect(imageCandidates('w05.md', 'a%20b.png')).toEqual(['a b.png', 'attachments/a b.png', 'Attachments/a b.png', '_attachments/a b.png', 'assets/a b.png', 'images/a b.png', 'img/a b.png', 'media/a b.png']);
  });

  it('has none for sources that leave the vault or are no vault path', () => {
    for (const src of ['../../etc/passwd.png', '%2e%2e/%2e%2e/x.png', '..\\..\\x.png', 'a%00.png', 'https://example.com/a.png', 'file:///etc/passwd', '#frag']) {
      expect(imageCandidates('weekly/a.md', src), src).toEqual([]);
    }
    // An absolute path on this machine is a root-relative path of the vault, never a file outside it.
    expect(imageCandidates('a.md', '/etc/passwd')[0]).toBe('etc/passwd');
  });
});

describe('imageRefs', () => {
  it("lists each image source once in document order, reference images and images in links too, never code or alt text's images", () => {
    const md = [
      '# T',
      '![a](one.png) ![b][ref] [![c](two.png)](https://example.com)',
      '```',
      '![not](code.png)',
      '```',
      '    ![not](indented.png)',
      '![a ![inner](inner.png)](three.png) ![again](one.png)',
      '',
      '[ref]: ref.png',
    ].join('\n');
    expect(imageRefs(md)).toEqual(['one.png', 'ref.png', 'two.png', 'three.png']);
  });

  it('has none for text the reader shows as plain text', () => {
    expect(imageRefs(`${'> '.repeat(200)}![a](x.png)`)).toEqual([]);
  });
});

describe('VaultImages', () => {
  let dir: TempDir;
  let outside: TempDir;
  let images: VaultImages;

  beforeEach(() => {
    dir = tempDir('almanac-images-');
    outside = tempDir('almanac-outside-');
    images = new VaultImages(dir.root);
  });
  afterEach(() => {
    dir.cleanup();
    outside.cleanup();
  });

  it('serves an image with its type from the content and an ETag of the content, and a 304 when that ETag is current', async () => {
    const png = pngImage(4, 3);
    dir.write('images/chart.png', png);
    const first = await images.serve('images/chart.png');
    expect(first).toMatchObject({ ok: true, status: 200, contentType: 'image/png', etag: contentEtag(png) });
    expect(first.ok && first.status === 200 && Buffer.compare(first.body, png)).toBe(0);
    expect(await images.serve('images/chart.png', contentEtag(png))).toMatchObject({ status: 304 });
    expect(await images.serve('images/chart.png', `"other", W/${contentEtag(png)}`)).toMatchObject({ status: 304 });
    const changed = pngImage(5, 3);
    dir.write('images/chart.png', changed);
    expect(await images.serve('images/chart.png', contentEtag(png))).toMatchObject({ status: 200, etag: contentEtag(changed) });
  });

  it('serves by content, not name: an SVG named .png is an SVG, a GIF named .jpg a GIF', async () => {
    dir.write('a.png', svgImage(2, 2));
    dir.write('b.jpg', GIF_1X1);
    expect(await images.serve('a.png')).toMatchObject({ status: 200, contentType: 'image/svg+xml' });
    expect(await images.serve('b.jpg')).toMatchObject({ status: 200, contentType: 'image/gif' });
  });

  it('refuses paths that are no vault path: .., absolute, backslashes, NUL, empty', async () => {
    dir.write('x.png', pngImage(1, 1));
    for (const p of ['../x.png', 'a/../../x.png', '/etc/passwd', 'C:/x.png', '..\\x.png', 'images\\x.png', 'x.png\0.txt', '']) {
      expect(await images.serve(p), JSON.stringify(p)).toMatchObject({ ok: false, status: 400, problem: 'bad-path' });
    }
  });

  it('answers a symlink leaving the vault as missing, like a missing file, whether or not its target exists', async () => {
    const target = outside.write('secret.png', pngImage(1, 1));
    symlinkSync(target, path.join(dir.root, 'leak.png'));
    symlinkSync(path.join(outside.root, 'nothing.png'), path.join(dir.root, 'dangling.png'));
    symlinkSync(outside.root, path.join(dir.root, 'outdir'));
    for (const p of ['leak.png', 'dangling.png', 'outdir/secret.png', 'missing.png']) {
      expect(await images.serve(p), p).toMatchObject({ ok: false, status: 404, problem: 'missing' });
    }
    expect(await images.describe('leak.png')).toEqual({ ok: false, problem: 'missing' });
  });

  it('refuses a file over the size limit before reading it (a sparse 200 MB file)', async () => {
    const big = dir.write('big.png', pngImage(1, 1));
    truncateSync(big, 200 * 1024 * 1024);
    expect(await images.serve('big.png')).toMatchObject({ ok: false, status: 413, problem: 'too-large' });
    expect(MAX_IMAGE_BYTES).toBeLessThan(200 * 1024 * 1024);
  });

  it('refuses files that are no image whatever their name: HTML or an SVG-in-HTML named .png, text, a folder', async () => {
    dir.write('page.png', '<!doctype html><script>alert(1)</script>');
    dir.write('svg-page.png', '<html><body><svg onload="alert(1)"></svg></body></html>');
    dir.write('notes.gif', 'hello');
    dir.write('folder.png/x.txt', 'x');
    for (const p of ['page.png', 'svg-page.png', 'notes.gif']) expect(await images.serve(p), p).toMatchObject({ ok: false, status: 415, problem: 'not-an-image' });
    expect(await images.serve('folder.png')).toMatchObject({ ok: false, status: 404 });
  });

  it('describes an image by its header only, and locates the first candidate that is one', async () => {
    dir.write('static/img/shot.png', pngImage(20, 10));
    dir.write('img/shot.png', 'not an image');
    expect(await images.locate(['img/shot.png', 'static/img/shot.png'])).toEqual({
      ok: true,
      image: { path: 'static/img/shot.png', type: 'png', contentType: 'image/png', bytes: pngImage(20, 10).length, size: { width: 20, height: 10 } },
    });
    expect(await images.locate(['img/shot.png'])).toEqual({ ok: false, problem: 'not-an-image' });
    expect(await images.locate(['none.png'])).toEqual({ ok: false, problem: 'missing' });
  });

  it('sees a file replaced under the same name and size (the cache is keyed by inode and mtime too)', async () => {
    const file = dir.write('a.png', pngImage(2, 2, [1, 2, 3]));
    const before = await images.serve('a.png');
    writeFileSync(`${file}.new`, pngImage(2, 2, [9, 9, 9]));
    renameSync(`${file}.new`, file);
    const after = await images.serve('a.png');
    expect(before.ok && after.ok && before.etag !== after.etag).toBe(true);
  });
});
