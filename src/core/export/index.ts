/**
 * Export of selected sections to Markdown or self-contained HTML (PDF is the
 * HTML printed by Electron's printToPDF or the browser). Pure builders take
 * ExportPart[]; exportSectionsOffThread() is what AlmanacService.exportSections
 * calls (large exports build in a worker, off-thread.ts).
 */
import type { Database } from 'better-sqlite3';
import type { ExportRequest, ExportResult } from '../../shared/api.js';
import { buildExport, type ExportJob } from './build.js';
import { loadExportParts } from './load-parts.js';
import { buildExportOffThread, type OffThreadOptions } from './off-thread.js';
import type { VaultImages } from '../vault/images.js';
import { loadExportImages } from './export-images.js';
import type { ExportOptions } from './types.js';

export { buildMarkdownExport } from './markdown-export.js';
export { buildHtmlExport, EXPORT_CSP } from './html-export.js';
export { loadExportParts } from './load-parts.js';
export { exportWorkerBeside, type OffThreadOptions } from './off-thread.js';
export { EXPORT_FILE_TYPES, sanitizeFileName, suggestedFileName } from './file-name.js';
export { writeExportFile, ExportFileExistsError, type ExportFileIo, type WriteExportFileOptions } from './write-file.js';
export type { ExportOptions, ExportPart, ExportGroupBy, ExportOrder } from './types.js';

const MAX_SECTIONS = 10_000;

function optionalBoolean(request: ExportRequest, key: 'sourceNotes' | 'dedupe' | 'foldRepeats' | 'frontMatter' | 'remoteImages'): boolean | undefined {
  const value: unknown = request[key];
  if (value === undefined || typeof value === 'boolean') return value;
  throw new Error(`export: ${key} must be true or false, got ${JSON.stringify(value)}`);
}

function optionalString(request: ExportRequest, key: 'query' | 'title'): string | undefined {
  const value: unknown = request[key];
  if (value === undefined || typeof value === 'string') return value;
  throw new Error(`export: ${key} must be a string, got ${typeof value}`);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`export: ${what} must be ${allowed.map((a) => `'${a}'`).join(' or ')}, got ${JSON.stringify(value)}`);
}

/** Checks an untrusted request (renderer, HTTP) and turns it into builder options. */
function validate(request: ExportRequest): { sectionIds: string[]; format: 'md' | 'html'; options: ExportOptions; remoteImages: boolean } {
  if (typeof request !== 'object' || request === null) throw new Error('export: the request must be an object');
  const ids: unknown = request.sectionIds;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && id !== '')) {
    throw new Error('export: sectionIds must be a list of section ids');
  }
  if (ids.length === 0) throw new Error('export: no sections selected');
  if (ids.length > MAX_SECTIONS) throw new Error(`export: too many sections (${ids.length}; at most ${MAX_SECTIONS})`);
  const format = oneOf(request.format, ['md', 'html'] as const, 'format');
  if (format === undefined) throw new Error("export: format must be 'md' or 'html'");
  return {
    sectionIds: ids as string[],
    format,
    remoteImages: optionalBoolean(request, 'remoteImages') ?? false,
    options: {
      groupBy: oneOf(request.groupBy, ['week', 'heading'] as const, 'groupBy'),
      order: oneOf(request.order, ['date', 'given'] as const, 'order'),
      sourceNotes: optionalBoolean(request, 'sourceNotes'),
      dedupe: optionalBoolean(request, 'dedupe'),
      foldRepeats: optionalBoolean(request, 'foldRepeats'),
      frontMatter: optionalBoolean(request, 'frontMatter'),
      query: optionalString(request, 'query'),
      title: optionalString(request, 'title'),
    },
  };
}

/** The checked request with its sections loaded from the index. */
function prepareExport(db: Database, request: ExportRequest): ExportJob & { remoteImages: boolean } {
  const { sectionIds, format, options, remoteImages } = validate(request);
  return { parts: loadExportParts(db, sectionIds), format, options, remoteImages };
}

/**
 * The export a request asks for, built from the index on this thread: the
 * document's content and a suggested file name. Throws an Error (message
 * starting "export:") for a bad request or unknown section ids. Writes nothing.
 */
export function exportSections(db: Database, request: ExportRequest): ExportResult {
  const { remoteImages, ...job } = prepareExport(db, request);
  return buildExport(job.format === 'html' && remoteImages ? { ...job, images: { embedded: {}, omitted: {}, remote: true } } : job);
}

/**
 * exportSections for a thread that serves the app: the request is checked and
 * its sections loaded here, an HTML export's vault images read from `images`
 * (export-images.ts), and a large export is built in a worker with a time
 * budget (off-thread.ts).
 */
export async function exportSectionsOffThread(
  db: Database,
  request: ExportRequest,
  options: OffThreadOptions & { images?: VaultImages },
): Promise<ExportResult> {
  const { remoteImages, ...job } = prepareExport(db, request);
  if (job.format === 'html' && options.images) job.images = await loadExportImages(job.parts, options.images, remoteImages);
  else if (job.format === 'html' && remoteImages) job.images = { embedded: {}, omitted: {}, remote: true };
  return buildExportOffThread(job, options);
}
