/** `--no-git-dates` / `--git-dates` of `almanac index` and `almanac serve`: Settings.gitDates, or undefined to keep the index's. */
import { UsageError } from '../command.js';

export function gitDatesFlag(command: string, values: { 'git-dates'?: boolean; 'no-git-dates'?: boolean }): boolean | undefined {
  if (values['git-dates'] && values['no-git-dates']) throw new UsageError(`${command}: --git-dates and --no-git-dates cannot be used together`);
  if (values['no-git-dates']) return false;
  return values['git-dates'] ? true : undefined;
}
