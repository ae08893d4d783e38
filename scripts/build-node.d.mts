/** Bundles the Node entry points (CLI, parse worker) into out/node. */
export function buildNode(options?: { quiet?: boolean }): Promise<void>;
