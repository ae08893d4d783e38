import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ExportFileExistsError,
  sanitizeFileName,
  suggestedFileName,
  writeExportFile,
} from '../../src/core/export/index.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-export-file-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('writeExportFile', () => {
  it('writes the content and leaves no temporary file', async () => {
    const dest = path.join(dir, 'out.md');
    await writeExportFile(dest, '# 周刊\n', { overwrite: false });
    expect(fs.readFileSync(dest, 'utf8')).toBe('# 周刊\n');
    expect(fs.readdirSync(dir)).toEqual(['out.md']);
  });

  it('writes bytes as they are (a printed PDF)', async () => {
    const dest = path.join(dir, 'out.pdf');
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x0a]);
    await writeExportFile(dest, bytes.subarray(1, 6));
    expect([...fs.readFileSync(dest)]).toEqual([0x50, 0x44, 0x46, 0x00, 0xff]);
  });

  it('refuses an existing file unless overwrite is set, and then replaces it', async () => {
    const dest = path.join(dir, 'out.md');
    fs.writeFileSync(dest, 'old');
    await expect(writeExportFile(dest, 'new')).rejects.toThrow(`refusing to overwrite existing file: ${dest}`);
    await expect(writeExportFile(dest, 'new')).rejects.toBeInstanceOf(ExportFileExistsError);
    expect(fs.readFileSync(dest, 'utf8')).toBe('old');
    await writeExportFile(dest, 'new', { overwrite: true });
    expect(fs.readFileSync(dest, 'utf8')).toBe('new');
    expect(fs.readdirSync(dir)).toEqual(['out.md']);
  });

  it('refuses a file that appears between the check and the final link, without touching it', async () => {
    const dest = path.join(dir, 'race.md');
    const link = async (from: string, to: string): Promise<void> => {
      fs.writeFileSync(to, 'theirs');
      fs.linkSync(from, to);
    };
    await expect(writeExportFile(dest, 'mine', { io: { link } })).rejects.toThrow('refusing to overwrite existing file');
    expect(fs.readFileSync(dest, 'utf8')).toBe('theirs');
    expect(fs.readdirSync(dir)).toEqual(['race.md']);
  });

  it('an interrupted write leaves neither a partial destination nor a temporary file', async () => {
    const dest = path.join(dir, 'out.html');
    const write = async (handle: fs.promises.FileHandle, data: Buffer): Promise<void> => {
      await handle.write(data.subarray(0, 10));
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    };
    await expect(writeExportFile(dest, 'x'.repeat(1000), { io: { write } })).rejects.toThrow('ENOSPC');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a failing final rename (overwrite) keeps the old file whole and removes the temporary file', async () => {
    const dest = path.join(dir, 'out.md');
    fs.writeFileSync(dest, 'old content');
    const rename = async (): Promise<void> => {
      throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
    };
    await expect(writeExportFile(dest, 'new content', { overwrite: true, io: { rename } })).rejects.toThrow('EIO');
    expect(fs.readFileSync(dest, 'utf8')).toBe('old content');
    expect(fs.readdirSync(dir)).toEqual(['out.md']);
  });

  it('a failing fsync or link removes the temporary file', async () => {
    const dest = path.join(dir, 'out.md');
    const fail = async (): Promise<void> => {
      throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
    };
    await expect(writeExportFile(dest, 'x', { io: { sync: fail } })).rejects.toThrow('EIO');
    await expect(writeExportFile(dest, 'x', { io: { link: fail } })).rejects.toThrow('EIO');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('falls back to rename on a file system without hard links', async () => {
    const dest = path.join(dir, 'fat.md');
    const link = async (): Promise<void> => {
      throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
    };
    await writeExportFile(dest, 'ok', { io: { link } });
    expect(fs.readFileSync(dest, 'utf8')).toBe('ok');
    expect(fs.readdirSync(dir)).toEqual(['fat.md']);
  });

  it('fails clearly when the folder does not exist', async () => {
    await expect(writeExportFile(path.join(dir, 'missing', 'out.md'), 'x')).rejects.toThrow(/ENOENT/);
  });
});

describe('sanitizeFileName', () => {
  it('never returns a path: parent references, separators and absolute paths are flattened', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('etc-passwd');
    expect(sanitizeFileName('/tmp/x.md')).toBe('tmp-x.md');
    expect(sanitizeFileName('..\\..\\Windows\\win.ini')).toBe('Windows-win.ini');
    expect(sanitizeFileName('C:\\Users\\a\\out.html')).toBe('C-Users-a-out.html');
    expect(sanitizeFileName('..')).toBe('almanac-export');
    expect(sanitizeFileName('.hidden.md')).toBe('hidden.md');
    for (const name of ['../../etc/passwd', '/abs', 'a/../b', '..\\x']) {
      const safe = sanitizeFileName(name);
      expect(safe).not.toMatch(/[/\\]/);
      expect(safe.startsWith('.')).toBe(false);
    }
  });

  it('removes control and bidi characters and replaces characters Windows refuses', () => {
    expect(sanitizeFileName('a\u0000b\nc\u202Egpj.md')).toBe('abcgpj.md');
    expect(sanitizeFileName('what? <this> "is" a|b*c:d.md')).toBe('what- -this- -is- a-b-c-d.md');
  });

  it('prefixes reserved Windows device names, with or without extension, in any case', () => {
    expect(sanitizeFileName('CON')).toBe('_CON');
    expect(sanitizeFileName('con.md')).toBe('_con.md');
    expect(sanitizeFileName('Nul.tar.gz')).toBe('_Nul.tar.gz');
    expect(sanitizeFileName('COM1.html')).toBe('_COM1.html');
    expect(sanitizeFileName('lpt9')).toBe('_lpt9');
    expect(sanitizeFileName('aux .md')).toBe('_aux .md');
    expect(sanitizeFileName('CONSOLE.md')).toBe('CONSOLE.md');
    expect(sanitizeFileName('COM10.md')).toBe('COM10.md');
  });

  it('strips trailing dots and spaces and maps empty names to the default', () => {
    expect(sanitizeFileName('report. . ')).toBe('report');
    expect(sanitizeFileName('   ')).toBe('almanac-export');
    expect(sanitizeFileName('')).toBe('almanac-export');
    expect(sanitizeFileName('???')).toBe('almanac-export');
    expect(sanitizeFileName('-rf.md')).toBe('rf.md');
  });

  it('caps long names at 200 bytes of UTF-8, keeping the extension and whole characters', () => {
    const long = `${'周'.repeat(100)}.html`; // 300 bytes + 5
    const safe = sanitizeFileName(long);
    expect(Buffer.byteLength(safe, 'utf8')).toBeLessThanOrEqual(200);
    expect(safe).toBe(`${'周'.repeat(65)}.html`); // 195 + 5 bytes
    const emoji = sanitizeFileName(`${'😀'.repeat(60)}.md`); // 4 bytes each
    expect(emoji).toBe(`${'😀'.repeat(49)}.md`);
    expect(emoji).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(sanitizeFileName('a'.repeat(300))).toBe('a'.repeat(200));
  });
});

describe('suggestedFileName', () => {
  it('names the week range of the parts', () => {
    const parts = [{ week: '2026-W07' }, { week: null }, { week: '2026-W05' }, { week: '2026-W06' }];
    expect(suggestedFileName(parts, 'md')).toBe('almanac-export-2026-W05-to-2026-W07.md');
    expect(suggestedFileName([{ week: '2026-W06' }], 'html')).toBe('almanac-export-2026-W06.html');
    expect(suggestedFileName([{ week: null }], 'md')).toBe('almanac-export.md');
    expect(suggestedFileName([{ week: '2026-W06' }], 'pdf')).toBe('almanac-export-2026-W06.pdf');
  });
});
