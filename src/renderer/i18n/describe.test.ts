import { describe, expect, it } from 'vitest';
import { AlmanacError, ERROR_CODES } from '../../shared/errors.js';
import { FILE_PROBLEM_CODES, fileProblem, fileProblemText, otherProblem } from '../../shared/file-problems.js';
import { NOTICE_CODES, NOTICE_TEXT_EN, notice } from '../../shared/notices.js';
import { en } from './en.js';
import { errorText, fileProblemMessage, noticeText } from './describe.js';
import { translate, type Locale } from './translate.js';
import { zhCN } from './zh-CN.js';

const t = (locale: Locale) => (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(locale, key, vars);

describe('localised errors and notices', () => {
  it('has an English and a Chinese text for every notice code and error code; the English notices are NOTICE_TEXT_EN', () => {
    for (const code of NOTICE_CODES) {
      expect(en[`notice.${code}`], code).toBe(NOTICE_TEXT_EN[code]);
      expect(zhCN[`notice.${code}`], code).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const code of ERROR_CODES) {
      expect(en[`error.${code}`], code).toBeTruthy();
      expect(zhCN[`error.${code}`], code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('shows a notice by its code and parameters, not by its English message', () => {
    const n = notice('not-an-operator', { op: 'foo' });
    expect(noticeText(t('en'), n)).toBe("'foo:' is not an operator; searched as text");
    expect(noticeText(t('zh-CN'), n)).toBe('“foo:”不是运算符，已按普通文字搜索');
    expect(noticeText(t('zh-CN'), { ...n, message: 'whatever the core wrote' })).toBe('“foo:”不是运算符，已按普通文字搜索');
    expect(noticeText(t('zh-CN'), notice('unbalanced-quote'))).toBe('引号未闭合：其后的文字已按单独的词语搜索');
  });

  it('shows an error by its code, with the message that names the value as the detail', () => {
    const err = new AlmanacError('not-found', 'getDigest: no digest at weekly/x.md', { path: 'weekly/x.md' });
    expect(errorText(t('zh-CN'), err)).toBe('未找到：它可能已被移动、重命名或删除（如果资料库有变动，请重新索引）。（getDigest: no digest at weekly/x.md）');
    expect(errorText(t('en'), new AlmanacError('busy', 'the index is locked'))).toBe(
      'The index is busy: another Almanac process is using it. Try again in a moment. (the index is locked)',
    );
    expect(errorText(t('en'), new TypeError('x is undefined'))).toBe('Something went wrong inside Almanac. (x is undefined)');
    expect(errorText(t('zh-CN'), new AlmanacError('invalid-argument', 'Almanac needs its access token', { argument: 'token' }))).toBe(
      '此页面没有有效的访问令牌：请打开 `almanac serve` 输出的地址。',
    );
  });
});

describe('localised file problems', () => {
  it('has a Chinese text for every code but other; the English text is the core\'s wording', () => {
    const params = { size: '9.1 MB', limit: '8 MB', error: 'EACCES', through: 'weekly/old', path: 'archive/old.md', text: 'x' };
    for (const code of FILE_PROBLEM_CODES) {
      expect(fileProblemMessage(t('en'), fileProblem(code, params)), code).toBe(fileProblemText(fileProblem(code, params)));
      if (code !== 'other') expect(fileProblemMessage(t('zh-CN'), fileProblem(code, params)), code).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(fileProblemMessage(t('zh-CN'), fileProblem('too-large', { size: '9.1 MB', limit: '8 MB' }))).toBe('文件过大（9.1 MB，超过 8 MB 的上限）');
  });

  it('shows the English reason of a problem without a code in both languages', () => {
    expect(fileProblemMessage(t('zh-CN'), otherProblem('binary file (NUL bytes)'))).toBe('binary file (NUL bytes)');
  });
});
