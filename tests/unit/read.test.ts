import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatSize, hashBytes, readDigestFile } from '../../src/core/read/read.js';
import type { ReadResult } from '../../src/core/types.js';
import { fileProblemText } from '../../src/shared/file-problems.js';

let tmp: string;

function file(name: string, bytes: Uint8Array | string): string {
  const abs = path.join(tmp, name);
  fs.writeFileSync(abs, bytes);
  return abs;
}

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** A failed read's code, parameters, English text (the wording the CLI prints) and hash. */
function failure(result: ReadResult) {
  if (result.ok) throw new Error('expected the read to fail');
  return { code: result.problem.code, params: result.problem.params, reason: fileProblemText(result.problem), hash: result.hash };
}

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-read-'));
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('readDigestFile', () => {
  it('reads plain UTF-8 with Chinese and hashes the raw bytes', async () => {
    const content = '---\ntitle: 周刊\n---\n## 模型\nGPT-5.3-Codex 发布\n';
    const result = await readDigestFile(file('a.md', content));
    expect(result).toEqual({ ok: true, text: content, encoding: 'utf-8', hash: sha256(content), warnings: [] });
  });

  it('strips a UTF-8 BOM and normalises CRLF', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# 标题\r\n\r\n正文\r\n', 'utf8')]);
    const result = await readDigestFile(file('bom.md', bytes));
    expect(result).toEqual({ ok: true, text: '# 标题\n\n正文\n', encoding: 'utf-8-bom', hash: sha256(bytes), warnings: [] });
  });

  it('turns lone CR line endings into LF', async () => {
    const result = await readDigestFile(file('mac.md', 'a\rb\r\rc\r\n'));
    expect(result.ok && result.text).toBe('a\nb\n\nc\n');
  });

  it('falls back to GB18030 with a warning when the bytes are not UTF-8', async () => {
    // "# 中文\r\n" in GB18030: 中 = d6 d0, 文 = ce c4.
    const bytes = Buffer.from([0x23, 0x20, 0xd6, 0xd0, 0xce, 0xc4, 0x0d, 0x0a]);
    const result = await readDigestFile(file('gbk.md', bytes));
    expect(result).toEqual({
      ok: true,
      text: '# 中文\n',
      encoding: 'gb18030',
      hash: sha256(bytes),
      warnings: ['decoded as GB18030 (not valid UTF-8)'],
    });
  });

  it('skips bytes that are neither UTF-8 nor GB18030', async () => {
    // Latin-1 "café " then 0xff: é (0xe9) followed by a space is an invalid GB18030 pair; 0xff is invalid in both.
    const bytes = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0x0a]);
    const result = await readDigestFile(file('latin1.md', bytes));
    expect(failure(result)).toEqual({ code: 'not-text', params: {}, reason: 'not valid UTF-8, UTF-16 or GB18030 text', hash: sha256(bytes) });
  });

  it('reads UTF-16 with its BOM, little and big endian (Windows Notepad\'s "Unicode")', async () => {
    const text = '---\r\ntitle: 周报 GPT-5.3\r\n---\r\n\r\n## 模型 🚀\r\n正文\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    const expected = '---\ntitle: 周报 GPT-5.3\n---\n\n## 模型 🚀\n正文\n';
    expect(await readDigestFile(file('le.md', le))).toEqual({ ok: true, text: expected, encoding: 'utf-16le', hash: sha256(le), warnings: [] });
    expect(await readDigestFile(file('be.md', be))).toEqual({ ok: true, text: expected, encoding: 'utf-16be', hash: sha256(be), warnings: [] });
  });

  it('refuses UTF-16 without a BOM as binary, and a UTF-16 BOM over bad or NUL-holding text', async () => {
    const noBom = Buffer.from('# 标题\n', 'utf16le');
    expect(failure(await readDigestFile(file('nobom.md', noBom))).code).toBe('binary');
    // A lone high surrogate (d800) is not UTF-16 text.
    const lone = Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x41, 0x00]);
    expect(failure(await readDigestFile(file('lone.md', lone)))).toEqual({ code: 'not-text', params: {}, reason: 'not valid UTF-8, UTF-16 or GB18030 text', hash: sha256(lone) });
    const nul = Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0x00, 0x41, 0x00]);
    expect(failure(await readDigestFile(file('nul.md', nul))).code).toBe('binary');
  });

  it('skips binary files (NUL bytes)', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]);
    const result = await readDigestFile(file('image.md', bytes));
    expect(failure(result)).toEqual({ code: 'binary', params: {}, reason: 'binary file (NUL bytes)', hash: sha256(bytes) });
  });

  it('skips files over the size cap before reading them', async () => {
    const abs = file('big.md', 'x'.repeat(2048));
    expect(failure(await readDigestFile(abs, { maxFileBytes: 1024 }))).toEqual({
      code: 'too-large',
      params: { size: '2 KB', limit: '1 KB' },
      reason: 'too large (2 KB > 1 KB limit)',
      hash: null,
    });
    expect((await readDigestFile(abs, { maxFileBytes: 2048 })).ok).toBe(true);
  });

  it('reports sizes in MB against the default 8 MiB cap', async () => {
    const abs = path.join(tmp, 'huge.md');
    const fd = fs.openSync(abs, 'w');
    fs.ftruncateSync(fd, Math.round(9.1 * 1024 * 1024)); // sparse: no 9 MB written to disk
    fs.closeSync(fd);
    const result = await readDigestFile(abs);
    expect(failure(result)).toEqual({ code: 'too-large', params: { size: '9.1 MB', limit: '8 MB' }, reason: 'too large (9.1 MB > 8 MB limit)', hash: null });
  });

  it('reads an empty file as empty UTF-8 text', async () => {
    const result = await readDigestFile(file('empty.md', ''));
    expect(result).toEqual({ ok: true, text: '', encoding: 'utf-8', hash: sha256(''), warnings: [] });
  });

  it('reports a missing file or a folder instead of throwing', async () => {
    expect(failure(await readDigestFile(path.join(tmp, 'missing.md')))).toEqual({
      code: 'cannot-read-file',
      params: { error: 'ENOENT' },
      reason: 'cannot read file (ENOENT)',
      hash: null,
    });
    fs.mkdirSync(path.join(tmp, 'dir.md'));
    expect(failure(await readDigestFile(path.join(tmp, 'dir.md')))).toEqual({ code: 'not-regular-file', params: {}, reason: 'not a regular file', hash: null });
  });
});

describe('hashBytes and formatSize', () => {
  it('hashBytes is the hex SHA-256 of the bytes', () => {
    expect(hashBytes(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('formatSize uses bytes, KB and MB with at most one decimal', () => {
    expect([100, 1024, 1536, 8 * 1024 * 1024, 9.56 * 1024 * 1024].map(formatSize)).toEqual([
      '100 bytes',
      '1 KB',
      '1.5 KB',
      '8 MB',
      '9.6 MB',
    ]);
  });
});
