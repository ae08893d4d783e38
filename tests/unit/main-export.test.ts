import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions, PrintWindowCtor } from '../../src/main/electron-deps.js';
import { registerIpcHandlers } from '../../src/main/ipc-adapter.js';
import { MAX_DATA_URL_CHARS, PDF_PARTITION } from '../../src/main/pdf-print.js';
import { createExportSaver, type SaveExportDeps } from '../../src/main/save-export.js';
import { isTrustedSender } from '../../src/main/security.js';
import { createServer } from '../../src/server/server.js';
import type { ExportRequest, ExportResult, SaveExportRequest } from '../../src/shared/api.js';
import { ipcChannel } from '../../src/shared/transport.js';
import { FakeIpcMain, preventable } from './main-fakes.js';
import { fakeApi, rawRequest, writeStaticDir } from './server-fixtures.js';

const ID_A = '0123456789abcdef';
const ID_B = 'fedcba9876543210';
const UI = 'app://almanac/index.html';

/** The hidden print window: records its options, what it loaded and how it printed. */
class FakePrintWindow {
  static instances: FakePrintWindow[] = [];
  readonly handlers = new Map<string, (event: { preventDefault(): void }) => void>();
  loadedUrl: string | null = null;
  loadedHtml: string | null = null;
  printOptions: unknown = null;
  destroyed = false;
  windowOpen: (() => { action: string }) | null = null;
  readonly webContents = {
    on: (name: string, handler: (event: { preventDefault(): void }) => void) => {
      this.handlers.set(name, handler);
      return this.webContents;
    },
    setWindowOpenHandler: (handler: () => { action: string }) => {
      this.windowOpen = handler;
    },
    printToPDF: async (options: unknown) => {
      this.printOptions = options;
      return Buffer.from(`%PDF-1.7 printed ${this.loadedHtml?.length ?? 0} chars`);
    },
  };

  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakePrintWindow.instances.push(this);
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    if (url.startsWith('data:text/html;charset=utf-8;base64,')) {
      this.loadedHtml = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').toString('utf8');
    } else {
      this.loadedHtml = fs.readFileSync(fileURLToPath(url), 'utf8');
    }
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

interface Harness {
  deps: SaveExportDeps;
  dialogs: { save: Record<string, unknown>[]; message: Record<string, unknown>[] };
  built: ExportRequest[];
  /** What the save dialog answers: `paths` one after the other (then cancel), else `filePath` every time. */
  answer: { filePath?: string; paths?: string[]; canceled?: boolean; replace?: boolean; vault?: string };
}

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'almanac-main-export-'));
  FakePrintWindow.instances = [];
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function harness(content = '# Almanac export\n\nGPT-5.3-Codex 发布\n'): Harness {
  const dialogs: Harness['dialogs'] = { save: [], message: [] };
  const built: ExportRequest[] = [];
  const answer: Harness['answer'] = {};
  const deps: SaveExportDeps = {
    dialog: {
      showSaveDialog: (async (options: Record<string, unknown>) => {
        dialogs.save.push(options);
        if (answer.paths) {
          const next = answer.paths.shift();
          return { canceled: next === undefined, filePath: next ?? '' };
        }
        return { canceled: answer.canceled ?? false, filePath: answer.filePath ?? '' };
      }) as unknown as SaveExportDeps['dialog']['showSaveDialog'],
      showMessageBox: (async (options: Record<string, unknown>) => {
        dialogs.message.push(options);
        return { response: answer.replace ? 0 : 1, checkboxChecked: false };
      }) as unknown as SaveExportDeps['dialog']['showMessageBox'],
    },
    BrowserWindow: FakePrintWindow as unknown as PrintWindowCtor,
    exportSections: async (request): Promise<ExportResult> => {
      built.push(request);
      const ext = request.format;
      return { format: ext, fileName: `almanac-export-2026-W05-to-2026-W07.${ext}`, content: ext === 'html' ? `<!doctype html><p>${content}</p>` : content, sectionCount: request.sectionIds.length };
    },
    language: () => 'en',
    defaultFolder: () => dir,
    vaultPath: async () => answer.vault ?? null,
  };
  return { deps, dialogs, built, answer };
}

const request = (format: SaveExportRequest['format']): SaveExportRequest => ({ sectionIds: [ID_A, ID_B], format, order: 'given', title: 'Backdoors' });

function filesIn(folder: string): string[] {
  return fs.readdirSync(folder).sort();
}

describe('saveExport (desktop)', () => {
  it('refuses a destination inside the vault (also through a symlink), says why, and asks again', async () => {
    const { deps, dialogs, answer } = harness();
    const vault = path.join(dir, 'vault');
    fs.mkdirSync(path.join(vault, 'weekly'), { recursive: true });
    fs.writeFileSync(path.join(vault, 'weekly', '2026-02-06.md'), '# digest\n');
    fs.symlinkSync(path.join(vault, 'weekly'), path.join(dir, 'shortcut'));
    answer.vault = vault;
    answer.paths = [path.join(vault, 'weekly', '2026-02-06.md'), path.join(dir, 'shortcut', 'report'), path.join(dir, 'report.md')];
    const saved = await createExportSaver(deps).saveExport(request('md'));
    expect(saved).toEqual({ path: path.join(dir, 'report.md') });
    expect(dialogs.save).toHaveLength(3);
    expect(dialogs.message).toHaveLength(2);
    expect(dialogs.message[0]).toMatchObject({
      type: 'warning',
      message: 'Almanac does not save into the vault it reads.',
      detail: `“${path.join(vault, 'weekly', '2026-02-06.md')}” is inside the vault “${vault}”. Choose a folder outside it.`,
    });
    // The next dialog starts outside the vault.
    expect(dialogs.save[1]?.defaultPath).toBe(path.join(dir, '2026-02-06.md'));
    expect(fs.readFileSync(path.join(vault, 'weekly', '2026-02-06.md'), 'utf8')).toBe('# digest\n');
    expect(filesIn(path.join(vault, 'weekly'))).toEqual(['2026-02-06.md']);
  });

  it('writes nothing when the user cancels after a refusal', async () => {
    const { deps, answer } = harness();
    const vault = path.join(dir, 'vault');
    fs.mkdirSync(vault);
    answer.vault = vault;
    answer.paths = [path.join(vault, 'export.md')];
    await expect(createExportSaver(deps).saveExport(request('md'))).resolves.toEqual({ cancelled: true });
    expect(filesIn(vault)).toEqual([]);
  });

  it('offers the suggested file name and the format filter in the save dialog, and writes the export there', async () => {
    const h = harness();
    const dest = path.join(dir, 'picked.md');
    h.answer.filePath = dest;
    const result = await createExportSaver(h.deps).saveExport(request('md'));
    expect(result).toEqual({ path: dest });
    expect(h.built).toEqual([{ sectionIds: [ID_A, ID_B], format: 'md', order: 'given', title: 'Backdoors' }]);
    expect(h.dialogs.save).toHaveLength(1);
    expect(h.dialogs.save[0]).toMatchObject({
      defaultPath: path.join(dir, 'almanac-export-2026-W05-to-2026-W07.md'),
      filters: [{ name: 'Markdown', extensions: ['md'] }],
    });
    expect(h.dialogs.save[0]?.properties).toContain('showOverwriteConfirmation');
    expect(fs.readFileSync(dest, 'utf8')).toBe('# Almanac export\n\nGPT-5.3-Codex 发布\n');
    // Atomic write: no temporary file is left beside the result.
    expect(filesIn(dir)).toEqual(['picked.md']);
  });

  it('returns {cancelled: true} and writes nothing when the dialog is cancelled', async () => {
    const h = harness();
    h.answer.canceled = true;
    await expect(createExportSaver(h.deps).saveExport(request('html'))).resolves.toEqual({ cancelled: true });
    expect(filesIn(dir)).toEqual([]);
    expect(FakePrintWindow.instances).toHaveLength(0);
  });

  it('fails before any dialog when the export cannot be built (unknown section ids)', async () => {
    const h = harness();
    h.deps.exportSections = async () => {
      throw new Error('export: unknown section ids: 0123456789abcdef');
    };
    await expect(createExportSaver(h.deps).saveExport(request('md'))).rejects.toThrow('unknown section ids');
    expect(h.dialogs.save).toEqual([]);
  });

  it('replaces an existing file only when the dialog itself returned it (the dialog asked)', async () => {
    const h = harness('new content');
    const dest = path.join(dir, 'notes.md');
    fs.writeFileSync(dest, 'old content');
    h.answer.filePath = dest;
    await createExportSaver(h.deps).saveExport(request('md'));
    expect(fs.readFileSync(dest, 'utf8')).toBe('new content');
    expect(h.dialogs.message).toEqual([]);
    expect(filesIn(dir)).toEqual(['notes.md']);
  });

  it('adds a missing extension and asks again before replacing a file under that name', async () => {
    const h = harness('new content');
    fs.writeFileSync(path.join(dir, 'notes.md'), 'old content');
    h.answer.filePath = path.join(dir, 'notes');
    h.answer.replace = false;
    const saver = createExportSaver(h.deps);
    await expect(saver.saveExport(request('md'))).resolves.toEqual({ cancelled: true });
    expect(fs.readFileSync(path.join(dir, 'notes.md'), 'utf8')).toBe('old content');
    expect(h.dialogs.message[0]?.message).toBe('A file named “notes.md” already exists. Replace it?');

    h.answer.replace = true;
    await expect(saver.saveExport(request('md'))).resolves.toEqual({ path: path.join(dir, 'notes.md') });
    expect(fs.readFileSync(path.join(dir, 'notes.md'), 'utf8')).toBe('new content');

    h.answer.filePath = path.join(dir, 'fresh');
    await expect(saver.saveExport(request('html'))).resolves.toEqual({ path: path.join(dir, 'fresh.html') });
    expect(h.dialogs.message).toHaveLength(2);
  });

  it('never replaces a file that appeared while the dialog was open', async () => {
    const h = harness('new content');
    const dest = path.join(dir, 'race.md');
    h.deps.writeFile = async (file, content, options) => {
      fs.writeFileSync(file, 'written by someone else meanwhile');
      const { writeExportFile } = await import('../../src/core/export/index.js');
      return writeExportFile(file, content, options);
    };
    h.answer.filePath = dest;
    await expect(createExportSaver(h.deps).saveExport(request('md'))).rejects.toThrow(`refusing to overwrite existing file: ${dest}`);
    expect(fs.readFileSync(dest, 'utf8')).toBe('written by someone else meanwhile');
    expect(filesIn(dir)).toEqual(['race.md']);
  });

  it('starts the next dialog in the folder of the last export', async () => {
    const h = harness();
    const sub = path.join(dir, 'exports');
    fs.mkdirSync(sub);
    h.answer.filePath = path.join(sub, 'one.md');
    const saver = createExportSaver(h.deps);
    await saver.saveExport(request('md'));
    h.answer.canceled = true;
    await saver.saveExport(request('md'));
    expect(h.dialogs.save[1]?.defaultPath).toBe(path.join(sub, 'almanac-export-2026-W05-to-2026-W07.md'));
  });

  it('prints PDF from the HTML export in a hidden, sandboxed window with JavaScript off, no preload and navigation locked', async () => {
    const h = harness('后门检测 & <b>bold</b>');
    const dest = path.join(dir, 'digest.pdf');
    h.answer.filePath = dest;
    await expect(createExportSaver(h.deps).saveExport(request('pdf'))).resolves.toEqual({ path: dest });

    expect(h.built[0]?.format).toBe('html');
    expect(h.dialogs.save[0]).toMatchObject({
      defaultPath: path.join(dir, 'almanac-export-2026-W05-to-2026-W07.pdf'),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    expect(FakePrintWindow.instances).toHaveLength(1);
    const win = FakePrintWindow.instances[0] as FakePrintWindow;
    expect(win.options.show).toBe(false);
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, javascript: false, contextIsolation: true, nodeIntegration: false, partition: PDF_PARTITION });
    expect(win.options.webPreferences?.preload).toBeUndefined();
    expect(win.loadedUrl?.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true);
    expect(win.loadedHtml).toBe('<!doctype html><p>后门检测 & <b>bold</b></p>');
    expect(win.printOptions).toEqual({ printBackground: true, preferCSSPageSize: true });
    expect(win.destroyed).toBe(true);

    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = preventable();
      win.handlers.get(name)?.(event);
      expect(event.defaultPrevented, name).toBe(true);
    }
    expect(win.windowOpen?.()).toEqual({ action: 'deny' });

    expect(fs.readFileSync(dest, 'utf8')).toBe(`%PDF-1.7 printed ${'<!doctype html><p>后门检测 & <b>bold</b></p>'.length} chars`);
    expect(filesIn(dir)).toEqual(['digest.pdf']);
  });

  it('prints an export too large for a data: URL from a temporary file, removed afterwards', async () => {
    const big = 'x'.repeat(MAX_DATA_URL_CHARS);
    const h = harness(big);
    h.answer.filePath = path.join(dir, 'big.pdf');
    await createExportSaver(h.deps).saveExport(request('pdf'));
    const win = FakePrintWindow.instances[0] as FakePrintWindow;
    expect(win.loadedUrl?.startsWith('file://')).toBe(true);
    expect(win.loadedHtml).toBe(`<!doctype html><p>${big}</p>`);
    expect(fs.existsSync(path.dirname(fileURLToPath(win.loadedUrl ?? '')))).toBe(false);
    expect(win.destroyed).toBe(true);
  });

  it('closes the print window and writes nothing when printing fails', async () => {
    const h = harness();
    h.answer.filePath = path.join(dir, 'broken.pdf');
    class FailingWindow extends FakePrintWindow {
      constructor(options: BrowserWindowConstructorOptions) {
        super(options);
        this.webContents.printToPDF = async () => {
          throw new Error('printing failed');
        };
      }
    }
    h.deps.BrowserWindow = FailingWindow as unknown as PrintWindowCtor;
    await expect(createExportSaver(h.deps).saveExport(request('pdf'))).rejects.toThrow('printing failed');
    expect(FakePrintWindow.instances[0]?.destroyed).toBe(true);
    expect(filesIn(dir)).toEqual([]);
  });
});

describe('saveExport over IPC', () => {
  function setup() {
    const ipcMain = new FakeIpcMain();
    const api = fakeApi();
    const saved: SaveExportRequest[] = [];
    api.saveExport = async (req) => {
      saved.push(req);
      return { path: '/home/me/export.pdf' };
    };
    registerIpcHandlers({ ipcMain: ipcMain.asIpcMain(), api, isTrustedSender: (url) => isTrustedSender(url, null) });
    return { ipcMain, saved };
  }

  it('passes a valid request, with pdf, order and title, to the shell', async () => {
    const { ipcMain, saved } = setup();
    const req = { sectionIds: [ID_A], format: 'pdf', groupBy: 'heading', order: 'given', title: '周报', sourceNotes: false, dedupe: true, query: '后门' };
    await expect(ipcMain.call(ipcChannel('saveExport'), UI, req)).resolves.toEqual({ path: '/home/me/export.pdf' });
    expect(saved).toEqual([req]);
  });

  it('rejects bad requests with errors naming the value, without calling the shell', async () => {
    const { ipcMain, saved } = setup();
    const cases: [unknown[], string][] = [
      [[{ sectionIds: [ID_A], format: 'docx' }], 'saveExport: request.format must be one of "md", "html", "pdf", got "docx"'],
      [[{ sectionIds: [], format: 'md' }], 'saveExport: request.sectionIds is empty: select at least one section to export'],
      [[{ sectionIds: ['../x'], format: 'md' }], 'saveExport: request.sectionIds[0] "../x" is not a section id'],
      [[{ sectionIds: [ID_A], format: 'md', path: '/etc/passwd' }], 'saveExport: request has an unknown field "path"'],
      [[{ sectionIds: [ID_A], format: 'md', title: 7 }], 'saveExport: request.title must be a string, got 7'],
      [[{ sectionIds: [ID_A], format: 'md', order: 'random' }], 'saveExport: request.order must be one of "date", "given", got "random"'],
      [['export.md'], 'saveExport: request must be an object, got "export.md"'],
      [[], 'saveExport: expected 1 argument(s), got 0'],
    ];
    for (const [args, message] of cases) {
      await expect(ipcMain.call(ipcChannel('saveExport'), UI, ...args), JSON.stringify(args)).rejects.toThrow(message);
    }
    expect(saved).toEqual([]);
  });

  it('exportSections accepts the order and title fields but still refuses pdf (only saveExport prints)', async () => {
    const { ipcMain } = setup();
    await expect(ipcMain.call(ipcChannel('exportSections'), UI, { sectionIds: [ID_A], format: 'md', order: 'given', title: 'T' })).resolves.toMatchObject({ fileName: 'x.md' });
    await expect(ipcMain.call(ipcChannel('exportSections'), UI, { sectionIds: [ID_A], format: 'pdf' })).rejects.toThrow('request.format must be one of "md", "html", got "pdf"');
  });

  it('answers "not available" when the api has no saveExport', async () => {
    const ipcMain = new FakeIpcMain();
    registerIpcHandlers({ ipcMain: ipcMain.asIpcMain(), api: fakeApi(), isTrustedSender: () => true });
    await expect(ipcMain.call(ipcChannel('saveExport'), UI, { sectionIds: [ID_A], format: 'md' })).rejects.toThrow('saveExport is not available here');
  });
});

describe('saveExport in web mode', () => {
  it('is refused with a clear error: the browser downloads the export itself', async () => {
    const api = fakeApi();
    let called = false;
    api.saveExport = async () => {
      called = true;
      return { cancelled: true };
    };
    const server = await createServer({ api, staticDir: writeStaticDir(dir), port: 0 });
    try {
      const res = await rawRequest(server.port, {
        method: 'POST',
        path: '/api/saveExport',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ args: [{ sectionIds: [ID_A], format: 'md' }] }),
      });
      expect(res.status).toBe(501);
      expect(JSON.parse(res.body)).toEqual({
        ok: false,
        error: {
          code: 'not-available',
          message: 'saveExport is not available in web mode: the browser downloads the export (exportSections) itself',
          params: { method: 'saveExport' },
        },
      });
      expect(called).toBe(false);
    } finally {
      await server.close();
    }
  });
});
