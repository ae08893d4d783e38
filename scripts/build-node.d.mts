/** Bundles the Node entry points (CLI, parse worker, index writer) into out/node. */
export function buildNode(options?: { quiet?: boolean }): Promise<void>;
/** Bundles Node entry points into outdir (ESM, Node 20, runtime dependencies external). */
export function bundleForNode(entryPoints: Record<string, string>, outdir: string, options?: { quiet?: boolean }): Promise<void>;
