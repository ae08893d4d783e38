/**
 * Validation of untrusted AlmanacApi arguments, shared by the two adapters
 * whose callers are untrusted: the Electron IPC adapter (renderer) and the
 * HTTP adapter (any local web page or process). Pure: no Node, no DOM.
 *
 * Every error names the method, the argument and the bad value, e.g.
 * `getDigest: path "/etc/passwd" is absolute; expected a path relative to the vault`.
 * Unknown object keys are refused rather than ignored, so a typo in a caller
 * shows up instead of being silently dropped. The errors are AlmanacErrors
 * whose params name the argument and the problem (validation-errors.ts).
 */
import type {
  AlmanacApi,
  ApiMethod,
  ExportRequest,
  Language,
  SaveExportRequest,
  SearchRequest,
  Settings,
  Theme,
} from './api.js';
import { API_METHODS } from './api.js';
import { excludePatternProblem } from './exclude-pattern.js';
import { NotAvailableError, ValidationError } from './validation-errors.js';
import { savedSearchInput, savedSearchName, trendsRequest } from './validate-research.js';
import { boolean, fail, FILTER_KEYS, filterFields, integer, isPlainObject, knownKeys, LIMITS, oneOf, optional, show, string, stringArray } from './validate-values.js';

export { argumentOf, NotAvailableError, ValidationError } from './validation-errors.js';

/** A contract method's function type (saveExport is optional in the contract: only the desktop shell has it). */
type MethodFn<M extends ApiMethod> = NonNullable<AlmanacApi[M]>;

/** The positional arguments of a contract method, as the implementation receives them. */
export type MethodArgs<M extends ApiMethod> = Parameters<MethodFn<M>>;

export { LIMITS } from './validate-values.js';

const SECTION_ID = /^[0-9a-f]{16}$/;
const LANGUAGES: readonly Language[] = ['system', 'en', 'zh-CN'];
const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

/**
 * A vault-relative POSIX path from an untrusted caller. Refuses (naming the
 * value): non-strings, empty, NUL, absolute POSIX/Windows/UNC paths, drive
 * letters, backslashes and any `..` segment. The core's resolveInVault
 * re-checks against the real vault root; this is the early, runtime-neutral gate.
 */
export function vaultRelativePath(where: string, value: unknown): string {
  const p = string(where, value, LIMITS.path);
  const shown = show(p);
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) {
    fail(where, `${shown} is absolute; expected a path relative to the vault`);
  }
  if (p.includes('\\')) fail(where, `${shown} contains a backslash; use "/" between folders`);
  const segments = p.split('/');
  if (segments.includes('..')) fail(where, `${shown} contains ".." and could leave the vault`);
  if (segments.every((s) => s === '' || s === '.')) fail(where, `${shown} names the vault itself, not a file`);
  return p;
}

export function sectionIdArg(where: string, value: unknown): string {
  const s = string(where, value, 64);
  if (!SECTION_ID.test(s)) fail(where, `${show(s)} is not a section id (expected 16 hex digits)`);
  return s;
}

const EXTERNAL_SCHEMES = ['http:', 'https:', 'mailto:'] as const;
/** The mailto: parameters that only fill in a new message (RFC 6068). */
const MAILTO_FIELDS: readonly string[] = ['to', 'cc', 'bcc', 'subject', 'body'];

/**
 * The URL if it may be handed to the operating system: http, https and mailto
 * (with only the fields of a message as parameters) only. Refuses file:,
 * javascript:, smb:, custom app schemes, mailto:?attach= and anything that
 * does not parse, with a message naming the URL and its scheme or parameter.
 */
export function externalUrl(where: string, value: unknown): string {
  const raw = string(where, value, LIMITS.url);
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    fail(where, `${show(raw)} is not an absolute URL`);
  }
  if (!(EXTERNAL_SCHEMES as readonly string[]).includes(parsed.protocol)) {
    fail(
      where,
      `${show(raw)} uses the scheme "${parsed.protocol}"; only http:, https: and mailto: links are opened`,
    );
  }
  if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname === '') {
    fail(where, `${show(raw)} has no host`);
  }
  if (parsed.protocol === 'mailto:') {
    // Mail programs honour more than a message's fields (attach=, …): a digest link must not attach the user's files.
    const extra = [...parsed.searchParams.keys()].find((key) => !MAILTO_FIELDS.includes(key.toLowerCase()));
    if (extra !== undefined) {
      fail(where, `${show(raw)} has the mailto: parameter ${JSON.stringify(extra)}; only ${MAILTO_FIELDS.join(', ')} are passed on`);
    }
  }
  return parsed.href;
}

export function searchRequest(where: string, value: unknown): SearchRequest {
  if (!isPlainObject(value)) fail(where, `must be an object, got ${show(value)}`);
  knownKeys(where, value, ['query', ...FILTER_KEYS, 'sites', 'sort', 'offset', 'limit', 'facets', 'sectionsPerDigest']);
  const req: SearchRequest = { query: string(`${where}.query`, value.query, LIMITS.query, true), ...filterFields(where, value) };
  const sites = optional(value, 'sites', (v) => stringArray(`${where}.sites`, v, LIMITS.tags, LIMITS.tag));
  if (sites) req.sites = sites;
  const sort = optional(value, 'sort', (v) => oneOf(`${where}.sort`, v, ['relevance', 'newest', 'oldest'] as const));
  if (sort) req.sort = sort;
  const offset = optional(value, 'offset', (v) => integer(`${where}.offset`, v, 0, 1_000_000));
  if (offset !== undefined) req.offset = offset;
  const limit = optional(value, 'limit', (v) => integer(`${where}.limit`, v, 0, LIMITS.searchLimit));
  if (limit !== undefined) req.limit = limit;
  const perDigest = optional(value, 'sectionsPerDigest', (v) => integer(`${where}.sectionsPerDigest`, v, 0, 10_000));
  if (perDigest !== undefined) req.sectionsPerDigest = perDigest;
  const facets = optional(value, 'facets', (v) => boolean(`${where}.facets`, v));
  if (facets !== undefined) req.facets = facets;
  return req;
}

/** Exclude patterns, each checked by the scanner's own rules (shared/exclude-pattern.ts), so a bad one never reaches a scan. */
function excludePatterns(where: string, value: unknown): string[] {
  const patterns = stringArray(where, value, LIMITS.exclude, LIMITS.excludePattern);
  patterns.forEach((pattern, i) => {
    const problem = excludePatternProblem(pattern);
    if (problem !== null) fail(`${where}[${i}]`, `${show(pattern)} ${problem}`);
  });
  return patterns;
}

export function settingsPatch(where: string, value: unknown): Partial<Settings> {
  if (!isPlainObject(value)) fail(where, `must be an object, got ${show(value)}`);
  knownKeys(where, value, ['exclude', 'maxFileBytes', 'language', 'theme', 'gitDates', 'remoteImages']);
  const patch: Partial<Settings> = {};
  const exclude = optional(value, 'exclude', (v) => excludePatterns(`${where}.exclude`, v));
  if (exclude) patch.exclude = exclude;
  const maxFileBytes = optional(value, 'maxFileBytes', (v) =>
    integer(`${where}.maxFileBytes`, v, 1, LIMITS.maxFileBytes),
  );
  if (maxFileBytes !== undefined) patch.maxFileBytes = maxFileBytes;
  const language = optional(value, 'language', (v) => oneOf(`${where}.language`, v, LANGUAGES));
  if (language) patch.language = language;
  const theme = optional(value, 'theme', (v) => oneOf(`${where}.theme`, v, THEMES));
  if (theme) patch.theme = theme;
  const gitDates = optional(value, 'gitDates', (v) => boolean(`${where}.gitDates`, v));
  if (gitDates !== undefined) patch.gitDates = gitDates;
  const remoteImages = optional(value, 'remoteImages', (v) => boolean(`${where}.remoteImages`, v));
  if (remoteImages !== undefined) patch.remoteImages = remoteImages;
  return patch;
}

const EXPORT_KEYS = ['sectionIds', 'format', 'groupBy', 'sourceNotes', 'dedupe', 'foldRepeats', 'frontMatter', 'query', 'order', 'title', 'remoteImages'] as const;

/** The fields of an export request other than format, shared by exportSections and saveExport. */
function exportOptions<F extends string>(
  where: string,
  value: unknown,
  formats: readonly F[],
): Omit<ExportRequest, 'format'> & { format: F } {
  if (!isPlainObject(value)) fail(where, `must be an object, got ${show(value)}`);
  knownKeys(where, value, EXPORT_KEYS);
  if (!Array.isArray(value.sectionIds)) fail(`${where}.sectionIds`, `must be an array, got ${show(value.sectionIds)}`);
  if (value.sectionIds.length > LIMITS.sectionIds) {
    fail(`${where}.sectionIds`, `has too many items (${value.sectionIds.length}; at most ${LIMITS.sectionIds})`);
  }
  const req: Omit<ExportRequest, 'format'> & { format: F } = {
    sectionIds: value.sectionIds.map((id, i) => sectionIdArg(`${where}.sectionIds[${i}]`, id)),
    format: oneOf(`${where}.format`, value.format, formats),
  };
  const groupBy = optional(value, 'groupBy', (v) => oneOf(`${where}.groupBy`, v, ['week', 'heading'] as const));
  if (groupBy) req.groupBy = groupBy;
  const order = optional(value, 'order', (v) => oneOf(`${where}.order`, v, ['date', 'given'] as const));
  if (order) req.order = order;
  for (const key of ['sourceNotes', 'dedupe', 'foldRepeats', 'frontMatter', 'remoteImages'] as const) {
    const flag = optional(value, key, (v) => boolean(`${where}.${key}`, v));
    if (flag !== undefined) req[key] = flag;
  }
  const query = optional(value, 'query', (v) => string(`${where}.query`, v, LIMITS.query, true));
  if (query !== undefined) req.query = query;
  const title = optional(value, 'title', (v) => string(`${where}.title`, v, LIMITS.title, true));
  if (title !== undefined) req.title = title;
  return req;
}

export function exportRequest(where: string, value: unknown): ExportRequest {
  return exportOptions(where, value, ['md', 'html'] as const);
}

/** saveExport's request: an export request that may also ask for 'pdf', with at least one section. */
export function saveExportRequest(where: string, value: unknown): SaveExportRequest {
  const req = exportOptions(where, value, ['md', 'html', 'pdf'] as const);
  if (req.sectionIds.length === 0) fail(`${where}.sectionIds`, 'is empty: select at least one section to export');
  return req;
}

/** An absolute folder path for openVault (the adapters decide whether it is allowed at all). */
export function folderPath(where: string, value: unknown): string {
  return string(where, value, 4_096);
}

type ArgValidators = { [M in ApiMethod]: (args: unknown[]) => MethodArgs<M> };

function arity(method: ApiMethod, args: unknown[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new ValidationError(`${method}: expected ${expected} argument(s), got ${args.length}`, { argument: 'arguments', problem: `expected ${expected}, got ${args.length}` });
  }
}

function none(method: ApiMethod) {
  return (args: unknown[]): [] => {
    arity(method, args, 0, 0);
    return [];
  };
}

const VALIDATORS: ArgValidators = {
  getStatus: none('getStatus'),
  recentVaults: none('recentVaults'),
  reindex: none('reindex'),
  tags: none('tags'),
  timeline: none('timeline'),
  listDigests: none('listDigests'),
  getSettings: none('getSettings'),
  openVault: (args) => {
    arity('openVault', args, 0, 1);
    return args[0] === undefined ? [] : [folderPath('openVault: path', args[0])];
  },
  search: (args) => {
    arity('search', args, 1, 1);
    return [searchRequest('search: request', args[0])];
  },
  getDigest: (args) => {
    arity('getDigest', args, 1, 1);
    return [vaultRelativePath('getDigest: path', args[0])];
  },
  related: (args) => {
    arity('related', args, 1, 2);
    const id = sectionIdArg('related: sectionId', args[0]);
    return args[1] === undefined ? [id] : [id, integer('related: limit', args[1], 1, LIMITS.relatedLimit)];
  },
  updateSettings: (args) => {
    arity('updateSettings', args, 1, 1);
    return [settingsPatch('updateSettings: patch', args[0])];
  },
  exportSections: (args) => {
    arity('exportSections', args, 1, 1);
    return [exportRequest('exportSections: request', args[0])];
  },
  saveExport: (args) => {
    arity('saveExport', args, 1, 1);
    return [saveExportRequest('saveExport: request', args[0])];
  },
  openExternal: (args) => {
    arity('openExternal', args, 1, 1);
    return [externalUrl('openExternal: url', args[0])];
  },
  trends: (args) => {
    arity('trends', args, 1, 1);
    return [trendsRequest('trends: request', args[0])];
  },
  savedSearches: none('savedSearches'),
  saveSearch: (args) => {
    arity('saveSearch', args, 1, 1);
    return [savedSearchInput('saveSearch: search', args[0])];
  },
  removeSavedSearch: (args) => {
    arity('removeSavedSearch', args, 1, 1);
    return [savedSearchName('removeSavedSearch: name', args[0])];
  },
  openSavedSearch: (args) => {
    arity('openSavedSearch', args, 1, 1);
    return [savedSearchName('openSavedSearch: name', args[0])];
  },
};

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);
}

/**
 * Checks the positional arguments of `method` and returns them in the shape
 * the implementation takes (optional fields left out when undefined).
 * Throws ValidationError naming the method, argument and value.
 */
export function validateArgs<M extends ApiMethod>(method: M, args: unknown): MethodArgs<M> {
  if (!Array.isArray(args)) fail(`${method}: arguments`, `must be an array, got ${show(args)}`);
  return VALIDATORS[method](args) as MethodArgs<M>;
}

/**
 * Calls `method` on `api` with validated arguments: the one dispatch both the
 * IPC and the HTTP adapter use. Throws NotAvailableError for an optional
 * method `api` does not implement.
 */
export async function callApi<M extends ApiMethod>(
  api: AlmanacApi,
  method: M,
  args: MethodArgs<M>,
): Promise<Awaited<ReturnType<MethodFn<M>>>> {
  const fn = api[method] as ((...a: unknown[]) => ReturnType<MethodFn<M>>) | undefined;
  if (typeof fn !== 'function') throw new NotAvailableError(`${method} is not available here`, { method });
  return (await fn.apply(api, args as unknown[])) as Awaited<ReturnType<MethodFn<M>>>;
}
