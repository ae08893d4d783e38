/**
 * Strings of the selection tray and the export dialog, in both languages.
 * Kept here until they move into i18n/en.ts and zh-CN.ts; same conventions
 * ({name} placeholders, `_one` variants when count is 1).
 */
import { useCallback } from 'react';
import { useI18n } from '../i18n/I18nContext.js';
import { interpolate, type Locale, type Vars } from '../i18n/translate.js';

export const selectionEn = {
  selectSection: 'Select section {heading}',
  selectAllHits: 'Select all hits in this digest',
  selectAllHitsIn: 'Select all hits in {title}',
  selectionButton: 'Selection ({count})',
  selectionTitle: 'Selected sections',
  selectionEmpty: 'Nothing selected yet. Tick the box beside a section in the results or in the reader.',
  selectionHint: 'Drag the sections, or use the arrows, to set their order in the export.',
  sortByDate: 'Sort by date',
  moveUp: 'Move “{heading}” up',
  moveDown: 'Move “{heading}” down',
  removeItem: 'Remove “{heading}”',
  clearSelection: 'Clear all',
  closeTray: 'Close selection',
  selectionDropped: '{count} selected sections are no longer in the index and were removed.',
  selectionDropped_one: '1 selected section is no longer in the index and was removed.',
  dismiss: 'Dismiss',
  leadSection: 'Introduction',
  exportSelection: 'Export…',
  exportTitle: 'Export {count} sections',
  exportTitle_one: 'Export 1 section',
  format: 'Format',
  formatMd: 'Markdown',
  formatHtml: 'HTML',
  formatPdf: 'PDF',
  groupBy: 'Group by',
  groupByWeek: 'Week',
  groupByHeading: 'Heading',
  sourceNotes: 'Include source notes (title, date, week, file)',
  dedupe: 'Drop identical duplicates',
  frontMatter: 'YAML front matter (Markdown only)',
  docTitle: 'Title',
  defaultDocTitle: 'Almanac export',
  preview: 'Markdown preview',
  previewLoading: 'Building the preview…',
  copyMarkdown: 'Copy as Markdown',
  copied: 'Copied to the clipboard.',
  copyFailed: 'Could not copy: {message}',
  exportButton: 'Export…',
  exporting: 'Exporting…',
  savedTo: 'Saved to {path}',
  downloaded: 'Downloaded {name}',
  pdfWebHint: 'The export opens in a new tab: choose “Save as PDF” in its print dialog.',
  popupBlocked: 'The browser blocked the new tab; allow pop-ups for this page, or export HTML and print it.',
  exportFailed: 'Export failed: {message}',
} as const;

export type SelectionMessageKey = keyof typeof selectionEn;

export const selectionZhCN: Record<SelectionMessageKey, string> = {
  selectSection: '选择段落 {heading}',
  selectAllHits: '选择此期全部命中段落',
  selectAllHitsIn: '选择《{title}》的全部命中段落',
  selectionButton: '已选 ({count})',
  selectionTitle: '已选段落',
  selectionEmpty: '尚未选择段落。在搜索结果或阅读区中勾选段落旁的复选框。',
  selectionHint: '拖动段落或使用箭头按钮，调整它们在导出中的顺序。',
  sortByDate: '按日期排序',
  moveUp: '上移“{heading}”',
  moveDown: '下移“{heading}”',
  removeItem: '移除“{heading}”',
  clearSelection: '全部清除',
  closeTray: '关闭已选段落',
  selectionDropped: '{count} 个已选段落已不在索引中，已被移除。',
  selectionDropped_one: '1 个已选段落已不在索引中，已被移除。',
  dismiss: '知道了',
  leadSection: '导语',
  exportSelection: '导出…',
  exportTitle: '导出 {count} 个段落',
  exportTitle_one: '导出 1 个段落',
  format: '格式',
  formatMd: 'Markdown',
  formatHtml: 'HTML',
  formatPdf: 'PDF',
  groupBy: '分组方式',
  groupByWeek: '按周',
  groupByHeading: '按标题',
  sourceNotes: '附上出处（标题、日期、周次、文件）',
  dedupe: '去除完全相同的重复段落',
  frontMatter: 'YAML 前言（仅 Markdown）',
  docTitle: '标题',
  defaultDocTitle: 'Almanac 导出',
  preview: 'Markdown 预览',
  previewLoading: '正在生成预览…',
  copyMarkdown: '复制为 Markdown',
  copied: '已复制到剪贴板。',
  copyFailed: '无法复制：{message}',
  exportButton: '导出…',
  exporting: '正在导出…',
  savedTo: '已保存到 {path}',
  downloaded: '已下载 {name}',
  pdfWebHint: '导出内容将在新标签页中打开：请在打印对话框中选择“另存为 PDF”。',
  popupBlocked: '浏览器阻止了新标签页；请允许此页面弹出窗口，或导出 HTML 后再打印。',
  exportFailed: '导出失败：{message}',
};

const TABLES: Record<Locale, Record<SelectionMessageKey, string>> = { en: selectionEn, 'zh-CN': selectionZhCN };

export function translateSelection(locale: Locale, key: SelectionMessageKey, vars?: Vars): string {
  const table = TABLES[locale];
  if (vars && vars.count === 1) {
    const one = `${key}_one`;
    if (one in table) return interpolate(table[one as SelectionMessageKey], vars);
  }
  return interpolate(table[key], vars);
}

export type SelectionTranslate = (key: SelectionMessageKey, vars?: Vars) => string;

export function useSelectionT(): SelectionTranslate {
  const { locale } = useI18n();
  return useCallback((key: SelectionMessageKey, vars?: Vars) => translateSelection(locale, key, vars), [locale]);
}
