/**
 * The sub-commands of `almanac`, each loaded when it runs: `search` must not
 * pay for the web server, the exporter (remark, rehype) or the watcher at
 * start-up. The dispatcher (main.ts) and the tests that check every option is
 * documented read this one table.
 */
import type { Command, CommandSpec } from './command.js';

export interface CommandEntry {
  /** The command's module: its spec, or (the plain form) its run function. */
  load: () => Promise<CommandSpec | Command>;
  summary: string;
}

export const COMMANDS: Record<string, CommandEntry> = {
  index: { load: async () => (await import('./commands/index.js')).indexCommand, summary: 'index a vault of Markdown digests (incremental)' },
  search: { load: async () => (await import('./commands/search.js')).searchCommand, summary: 'search a vault (Chinese and English, tags, dates)' },
  show: { load: async () => (await import('./commands/show.js')).showCommand, summary: 'show one digest with its series, links and backlinks' },
  serve: { load: async () => (await import('./commands/serve.js')).serveCommand, summary: 'open the Almanac UI in a browser (localhost web mode)' },
  export: { load: async () => (await import('./commands/export.js')).exportCommand, summary: 'export sections as one Markdown or HTML document' },
  list: { load: async () => (await import('./commands/list.js')).listCommand, summary: 'list every digest with its date, date source and series' },
  trends: { load: async () => (await import('./commands/trends.js')).trendsCommand, summary: 'count matches of up to 6 queries per week, month or year' },
  saved: { load: async () => (await import('./commands/saved.js')).savedCommand, summary: 'saved searches and the new digests matching each' },
};

export async function loadSpec(entry: CommandEntry): Promise<CommandSpec> {
  const loaded = await entry.load();
  return typeof loaded === 'function' ? { run: loaded, help: '' } : loaded;
}
