/**
 * Where the links of a digest point, for the `link` table. Links to digests
 * keep only the target's path key: they are resolved by a JOIN on
 * digest.path_key when read, so a link to a week indexed later resolves
 * without re-indexing the linking digest. Links to other vault files (images,
 * PDFs) are checked against the file system once per run, and never outside
 * the vault (symlinks leaving it count as missing).
 */
import { promises as fsp } from 'node:fs';
import { resolveHref } from '../parse/links.js';
import type { LinkTarget } from '../store/store.js';
import type { ParsedLink } from '../types.js';
import { isInsideRoot, isMarkdownPath, resolveInVault } from '../vault/paths.js';

/** A target without an extension or with a Markdown one is a digest: resolved by path key. */
function isDigestTarget(vaultPath: string): boolean {
  const name = vaultPath.slice(vaultPath.lastIndexOf('/') + 1);
  return isMarkdownPath(name) || !name.includes('.');
}

export class LinkTargetResolver {
  private readonly exists = new Map<string, Promise<boolean>>();

  /** rootReal: the vault's real path (symlinks resolved). */
  constructor(private readonly rootReal: string) {}

  async resolve(fromPath: string, links: readonly Pick<ParsedLink, 'href'>[]): Promise<LinkTarget[]> {
    return Promise.all(links.map((l) => this.resolveOne(fromPath, l.href)));
  }

  private async resolveOne(fromPath: string, href: string): Promise<LinkTarget> {
    const r = resolveHref(fromPath, href);
    if (r.kind === 'external') return { external: true, targetKey: null, targetExists: false };
    if (r.kind !== 'internal') return { external: false, targetKey: null, targetExists: false };
    const targetExists = isDigestTarget(r.path) ? false : await this.fileExists(r.path);
    return { external: false, targetKey: r.key, targetExists };
  }

  private fileExists(vaultPath: string): Promise<boolean> {
    let known = this.exists.get(vaultPath);
    if (!known) {
      known = this.check(vaultPath);
      this.exists.set(vaultPath, known);
    }
    return known;
  }

  private async check(vaultPath: string): Promise<boolean> {
    try {
      const real = await fsp.realpath(resolveInVault(this.rootReal, vaultPath));
      return isInsideRoot(this.rootReal, real) && (await fsp.stat(real)).isFile();
    } catch {
      return false;
    }
  }
}
