/** Selected sections of three weekly digests, as loadExportParts returns them (shared by the export tests). */
import type { ExportPart } from '../../src/core/export/index.js';

export const W06_MODELS: ExportPart = {
  sectionId: '06a',
  digestPath: 'weekly/2026-02-06.md',
  digestTitle: 'AI 周刊 第 6 期',
  date: '2026-02-06',
  week: '2026-W06',
  heading: '模型发布',
  headingPath: ['模型发布'],
  level: 2,
  ordinal: 1,
  markdown: [
    '## 模型发布',
    '',
    'GPT-5.3-Codex 发布，见 [上周](./2026-01-30.md#开源) 与 [AI news — 2026-06](../weekly_news/news_2026_06)。',
    '',
    '### 细节',
    '',
    '```bash',
    '# not a heading',
    '## neither',
    '```',
    '',
    '#### 更深',
    '',
    '##### 最深',
    '',
    'Setext 小节',
    '---',
    '',
    '![图](img/a.png) [外链](https://example.com)',
    '',
  ].join('\n'),
};

export const W05_OPEN_SOURCE: ExportPart = {
  sectionId: '05a',
  digestPath: 'weekly/2026-01-30.md',
  digestTitle: 'AI 周刊 第 5 期',
  date: '2026-01-30',
  week: '2026-W05',
  heading: '开源',
  headingPath: ['开源'],
  level: 1,
  ordinal: 2,
  markdown: '# 开源\n\nClaude Opus 4.6 *开源*工具。\n\n## 子节\n\n~~~\n# fenced\n~~~\n',
};

export const W05_QUOTE: ExportPart = {
  sectionId: '05b',
  digestPath: 'weekly/2026-01-30.md',
  digestTitle: 'AI 周刊 第 5 期',
  date: '2026-01-30',
  week: '2026-W05',
  heading: '每周一句',
  headingPath: ['每周一句'],
  level: 2,
  ordinal: 3,
  markdown: '## 每周一句\n\n> 慢即是快。\n',
};

/** The same section as W05_QUOTE, one level deeper and with other blank lines and trailing spaces. */
export const W07_QUOTE: ExportPart = {
  sectionId: '07a',
  digestPath: 'weekly/2026-02-13.md',
  digestTitle: 'AI 周刊 第 7 期',
  date: '2026-02-13',
  week: '2026-W07',
  heading: '每周一句',
  headingPath: ['本周', '每周一句'],
  level: 3,
  ordinal: 5,
  markdown: '### 每周一句   \n\n\n> 慢即是快。\n\n',
};
