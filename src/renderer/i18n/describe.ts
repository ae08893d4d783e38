/**
 * Errors, search notices and file problems in the reader's language, made from their codes
 * and parameters (never from their English text): the summary for the code,
 * then the English message as the technical detail, which names the value.
 */
import { AlmanacError, deserializeError, serializeError } from '../../shared/errors.js';
import type { FileProblem } from '../../shared/file-problems.js';
import type { SearchNotice } from '../../shared/notices.js';
import type { Translate } from './translate.js';

/** Any thrown value as an AlmanacError ('internal' unless it is one). */
export function asAlmanacError(err: unknown): AlmanacError {
  return err instanceof AlmanacError ? err : deserializeError(serializeError(err));
}

/** One line for an error: what it means for the user (localised), and which value or cause (as Almanac wrote it). */
export function errorText(t: Translate, err: unknown): string {
  const error = asAlmanacError(err);
  if (error.code === 'invalid-argument' && error.params.argument === 'token') return t('error.token');
  return t('errorWithDetail', { summary: t(`error.${error.code}`), detail: error.message });
}

/** A search notice from its code and parameters. */
export function noticeText(t: Translate, notice: SearchNotice): string {
  return t(`notice.${notice.code}`, notice.params);
}

/** Why a file was skipped, from its code and parameters ('other' is the English text an older index stored). */
export function fileProblemMessage(t: Translate, problem: FileProblem): string {
  return t(`problem.${problem.code}`, problem.params);
}
