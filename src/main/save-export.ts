/**
 * saveExport on the desktop: build the export, ask where to save it with the
 * native save dialog, write it atomically. A file is replaced only when the
 * dialog returned a path that already existed (the dialog asked the user —
 * on Linux because we ask it to); a path we changed ourselves (a missing
 * extension added) is confirmed again here, and a file that appears while the
 * dialog is open is never replaced (writeExportFile refuses). A destination
 * inside the open vault is refused with a message and the dialog opens again:
 * Almanac never writes into a vault.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EXPORT_FILE_TYPES, writeExportFile, type WriteExportFileOptions } from '../core/export/index.js';
import { isInsideVault } from '../core/paths/index-location.js';
import type { ExportRequest, ExportResult, SaveExportRequest, SaveExportResult } from '../shared/api.js';
import type { DialogLike, PrintWindowCtor } from './electron-deps.js';
import type { MenuLanguage } from './menu.js';
import { printHtmlToPdf } from './pdf-print.js';

interface SaveLabels {
  title: string;
  replace: string;
  replaceDetail: string;
  cancel: string;
  insideVault: string;
  insideVaultDetail: string;
  ok: string;
}

const LABELS: Readonly<Record<MenuLanguage, SaveLabels>> = {
  en: {
    title: 'Export Selection',
    replace: 'Replace',
    replaceDetail: 'A file named “{name}” already exists. Replace it?',
    cancel: 'Cancel',
    insideVault: 'Almanac does not save into the vault it reads.',
    insideVaultDetail: '“{path}” is inside the vault “{vault}”. Choose a folder outside it.',
    ok: 'OK',
  },
  'zh-CN': {
    title: '导出所选段落',
    replace: '替换',
    replaceDetail: '已存在名为“{name}”的文件。要替换它吗？',
    cancel: '取消',
    insideVault: 'Almanac 不会保存到它所读取的资料库中。',
    insideVaultDetail: '“{path}”位于资料库“{vault}”内。请选择资料库以外的文件夹。',
    ok: '确定',
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
  /** The open vault, where nothing may be saved (null: none open). */
  vaultPath: () => Promise<string | null>;
  writeFile?: (dest: string, content: string | Uint8Array, options: WriteExportFileOptions) => Promise<void>;
  log?: (message: string) => void;
}

export interface ExportSaver {
  saveExport(request: SaveExportRequest): Promise<SaveExportResult>;
}

function withExtension(file: string, ext: string): string {
  return path.extname(file) === '' ? `${file}.${ext}` : file;
}

type SaveDialogOptions = Parameters<DialogLike['showSaveDialog']>[0];

export function createExportSaver(deps: SaveExportDeps): ExportSaver {
  let lastFolder: string | null = null;
  const write = deps.writeFile ?? writeExportFile;
  const labels = (): SaveLabels => LABELS[deps.language()];

  async function confirmReplace(file: string): Promise<boolean> {
    const options = {
      type: 'question' as const,
      title: labels().title,
      message: labels().replaceDetail.replace('{name}', path.basename(file)),
      buttons: [labels().replace, labels().cancel],
      defaultId: 1,
      cancelId: 1,
    };
    const answer = await deps.dialog.showMessageBox(options);
    return answer.response === 0;
  }

  async function refuseInsideVault(dest: string, vault: string): Promise<void> {
    deps.log?.(`export to ${dest} refused: inside the vault ${vault}`);
    await deps.dialog.showMessageBox({
      type: 'warning',
      title: labels().title,
      message: labels().insideVault,
      detail: labels().insideVaultDetail.replace('{path}', dest).replace('{vault}', vault),
      buttons: [labels().ok],
    });
  }

  /**
   * The path to write (the extension added when missing) and whether it may
   * replace a file there, or null when the user cancelled. Asks again after
   * refusing a place inside the vault.
   */
  async function chooseDestination(options: SaveDialogOptions, format: SaveExportRequest['format']): Promise<{ dest: string; overwrite: boolean } | null> {
    for (;;) {
      const chosen = await deps.dialog.showSaveDialog(options);
      if (chosen.canceled || !chosen.filePath) return null;
      const dest = withExtension(path.resolve(chosen.filePath), format);
      const vault = await deps.vaultPath();
      if (vault !== null && isInsideVault(dest, vault)) {
        await refuseInsideVault(dest, vault);
        options = { ...options, defaultPath: path.join(deps.defaultFolder(), path.basename(dest)) };
        continue;
      }
      if (!existsSync(dest)) return { dest, overwrite: false };
      // The dialog confirmed replacing exactly the path it returned; any other path is confirmed here.
      const overwrite = dest === path.resolve(chosen.filePath) || (await confirmReplace(dest));
      return overwrite ? { dest, overwrite } : null;
    }
  }

  return {
    async saveExport(request) {
      const { format } = request;
      // Built before asking, so a bad request (unknown ids) fails without a dialog.
      const built = await deps.exportSections({ ...request, format: format === 'pdf' ? 'html' : format });
      const fileName = format === 'pdf' ? built.fileName.replace(/\.html$/, '.pdf') : built.fileName;
      const chosen = await chooseDestination(
        {
          title: labels().title,
          defaultPath: path.join(lastFolder ?? deps.defaultFolder(), fileName),
          filters: [{ name: EXPORT_FILE_TYPES[format].name, extensions: [...EXPORT_FILE_TYPES[format].extensions] }],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        },
        format,
      );
      if (!chosen) return { cancelled: true };
      const content = format === 'pdf' ? await printHtmlToPdf(deps.BrowserWindow, built.content) : built.content;
      await write(chosen.dest, content, { overwrite: chosen.overwrite });
      lastFolder = path.dirname(chosen.dest);
      deps.log?.(`exported ${built.sectionCount ?? request.sectionIds.length} sections as ${format} to ${chosen.dest}`);
      return { path: chosen.dest };
    },
  };
}
