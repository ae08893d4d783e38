/**
 * saveExport on the desktop: build the export, ask where to save it with the
 * native save dialog, write it atomically. A file is replaced only when the
 * dialog returned a path that already existed (the dialog asked the user —
 * on Linux because we ask it to); a path we changed ourselves (a missing
 * extension added) is confirmed again here, and a file that appears while the
 * dialog is open is never replaced (writeExportFile refuses).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EXPORT_FILE_TYPES, writeExportFile, type WriteExportFileOptions } from '../core/export/index.js';
import type { ExportRequest, ExportResult, SaveExportRequest, SaveExportResult } from '../shared/api.js';
import type { DialogLike, PrintWindowCtor } from './electron-deps.js';
import type { MenuLanguage } from './menu.js';
import { printHtmlToPdf } from './pdf-print.js';

const LABELS: Readonly<Record<MenuLanguage, { title: string; replace: string; replaceDetail: string; cancel: string }>> = {
  en: {
    title: 'Export Selection',
    replace: 'Replace',
    replaceDetail: 'A file named “{name}” already exists. Replace it?',
    cancel: 'Cancel',
  },
  'zh-CN': {
    title: '导出所选段落',
    replace: '替换',
    replaceDetail: '已存在名为“{name}”的文件。要替换它吗？',
    cancel: '取消',
  },
};

export interface SaveExportDeps {
  dialog: Pick<DialogLike, 'showSaveDialog' | 'showMessageBox'>;
  BrowserWindow: PrintWindowCtor;
  /** The service's exportSections (builds the content and suggests a sanitized file name). */
  exportSections: (request: ExportRequest) => Promise<ExportResult>;
  language: () => MenuLanguage;
  /** Folder the dialog starts in when nothing was exported yet this session. */
  defaultFolder: () => string;
  writeFile?: (dest: string, content: string | Uint8Array, options: WriteExportFileOptions) => Promise<void>;
  log?: (message: string) => void;
}

export interface ExportSaver {
  saveExport(request: SaveExportRequest): Promise<SaveExportResult>;
}

function withExtension(file: string, ext: string): string {
  return path.extname(file) === '' ? `${file}.${ext}` : file;
}

export function createExportSaver(deps: SaveExportDeps): ExportSaver {
  let lastFolder: string | null = null;
  const write = deps.writeFile ?? writeExportFile;

  async function confirmReplace(file: string): Promise<boolean> {
    const labels = LABELS[deps.language()];
    const options = {
      type: 'question' as const,
      title: labels.title,
      message: labels.replaceDetail.replace('{name}', path.basename(file)),
      buttons: [labels.replace, labels.cancel],
      defaultId: 1,
      cancelId: 1,
    };
    const answer = await deps.dialog.showMessageBox(options);
    return answer.response === 0;
  }

  return {
    async saveExport(request) {
      const { format } = request;
      // Built before asking, so a bad request (unknown ids) fails without a dialog.
      const built = await deps.exportSections({ ...request, format: format === 'pdf' ? 'html' : format });
      const fileName = format === 'pdf' ? built.fileName.replace(/\.html$/, '.pdf') : built.fileName;
      const options = {
        title: LABELS[deps.language()].title,
        defaultPath: path.join(lastFolder ?? deps.defaultFolder(), fileName),
        filters: [{ name: EXPORT_FILE_TYPES[format].name, extensions: [...EXPORT_FILE_TYPES[format].extensions] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[],
      };
      const chosen = await deps.dialog.showSaveDialog(options);
      if (chosen.canceled || !chosen.filePath) return { cancelled: true };

      const dest = withExtension(path.resolve(chosen.filePath), format);
      let overwrite = false;
      if (existsSync(dest)) {
        // The dialog confirmed replacing exactly the path it returned; any other path is confirmed here.
        overwrite = dest === path.resolve(chosen.filePath) || (await confirmReplace(dest));
        if (!overwrite) return { cancelled: true };
      }
      const content = format === 'pdf' ? await printHtmlToPdf(deps.BrowserWindow, built.content) : built.content;
      await write(dest, content, { overwrite });
      lastFolder = path.dirname(dest);
      deps.log?.(`exported ${built.sectionCount ?? request.sectionIds.length} sections as ${format} to ${dest}`);
      return { path: dest };
    },
  };
}
