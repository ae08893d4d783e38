/**
 * hadronized/this-week-in-neovim-contents `contents/`: an issue is one file
 * `YYYY/Mon/DD.md` or a folder `YYYY/Mon/DD/` of numbered parts
 * (`0-core-updates/0-HEADER.md`, `3-new-plugins/01-treesj.md`, `5-did-you-know.md`); no metadata.
 * - title: a file's first heading when it is level 1 and its only H1 outside code, as read
 *   ("# [Neovim Core updates](#core) {#core}" -> "Neovim Core updates"); else the file name
 *   (issue files hold several `#` sections: their title is the file name, "01");
 * - date: the path's year, month name and day, a day, for the issue file and every part;
 * - series: one reading order: issues by date, and inside a folder issue its parts by
 *   their numbered path segments, numerically ("7-duck" before "10-AsciiTre").
 */
import { otherEntry } from './entry.js';
import { leadingNumber, soleTopH1, statedDay, stem } from './text.js';
import type { ArchiveRules, TruthEntry } from './types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const PATH_RE = /^contents\/(\d{4})\/([A-Z][a-z]{2})\/(\d{2})(?:\.md|\/(.+))$/;

/** A numbered segment sorts by its number, then by the rest of its name. */
function segmentKey(segment: string): (string | number)[] {
  const n = leadingNumber(segment);
  return n === null ? [-1, segment] : [n, segment.slice(String(n).length)];
}

export const neovim: ArchiveRules = {
  folder: 'hadronized_this-week-in-neovim-contents',
  entry(path, text): TruthEntry {
    const m = PATH_RE.exec(path);
    const month = m ? MONTHS.indexOf(m[2]!) + 1 : 0;
    const date = m && month > 0 ? statedDay(Number(m[1]), month, Number(m[3]), 'path') : null;
    if (!m || !date) return otherEntry(path, 'not under YYYY/Mon/DD');
    const title = soleTopH1(text()) ?? stem(path);
    const parts = (m[4] ?? '').split('/').filter((s) => s !== '');
    const order = [date.date, ...parts.flatMap(segmentKey)];
    return { path, kind: 'issue', titles: [title], date, metadata: false, series: 'weekly', order };
  },
};
