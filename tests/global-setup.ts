import { buildNode } from '../scripts/build-node.mjs';

/** Unit tests run the bundled parse worker and CLI, so build them once first. */
export default async function setup(): Promise<void> {
  await buildNode({ quiet: true });
}
