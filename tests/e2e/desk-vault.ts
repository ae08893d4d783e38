/**
 * The vault the search-desk e2e specs read: weekly digests dated relative to
 * today (so "last 4 weeks" has something to find), Chinese and English text,
 * links between weeks, a broken link, hostile Markdown and two problem files.
 */
export interface DeskWeek {
  file: string;
  title: string;
  date: string;
}

function ymd(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function daysAgo(days: number): string {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() - days);
  return ymd(d);
}

/** What a week's paragraphs talk about: each week draws its own, as real issues do. */
const SUBJECTS = [
  '推理框架', '向量数据库', '代码助手', '量化部署', '多模态检索', '端侧芯片', '评测基准', '合成数据', '长上下文', '开源许可证',
  '编译器优化', '分布式训练', '知识蒸馏', '隐私计算', '智能体编排', '语音识别', '图像生成', '机器人控制', '搜索广告', '云端成本',
  'tokenizer', 'Kubernetes', 'WebGPU', 'Rust crates', 'PostgreSQL', 'vLLM', 'LoRA adapters', 'SQLite', 'TypeScript', 'WASM runtimes',
  'retrieval', 'sandboxing', 'telemetry', 'fine-tuning', 'benchmarks', 'observability', 'embeddings', 'scheduling', 'caching', 'sharding',
];

/**
 * Paragraphs so that later sections sit far below the top of the reader. Each
 * week (`week`) writes about subjects of its own: text repeated unchanged in
 * every issue would be the series' boilerplate, which search ranks below content.
 */
function filler(topic: string, n: number, week = 0): string {
  const pick = (i: number, j: number) => SUBJECTS[(week * 13 + i * 5 + j * 17 + topic.length * 3) % SUBJECTS.length]!;
  return Array.from(
    { length: n },
    (_, i) => `${topic}第 ${i + 1} 段：本周讨论了${pick(i, 0)}、${pick(i, 1)}与${pick(i, 2)}。Notes on ${pick(i, 3)} and ${pick(i, 4)}.`,
  ).join('\n\n');
}

export interface DeskVault {
  weeks: DeskWeek[];
  /** The digest holding the 后门检测 section (weeks[2]). */
  backdoor: DeskWeek;
  /** The digest announcing Claude Opus 4.6 (weeks[3]). */
  claude: DeskWeek;
  /** An old digest, outside the last 12 months. */
  old: DeskWeek;
  hostile: DeskWeek;
}

/** Digests of the bulk series (all old, all holding the word BULK_WORD), to page and scroll through. */
export const BULK_COUNT = 150;
export const BULK_WORD = 'zebrafinch';

/** The vault's files (vault-relative path -> content) and what the specs need to know about them. */
export function deskVaultFiles(): { files: Record<string, string>; vault: DeskVault } {
  const files: Record<string, string> = {};
  const write = (rel: string, content: string) => {
    files[rel] = content;
  };
  // Newest first: weeks[0] is the latest issue.
  const weeks: DeskWeek[] = Array.from({ length: 8 }, (_, k) => {
    const date = daysAgo(7 * k + 1);
    return { file: `weekly/${date}.md`, title: `AI 周报 ${date}`, date };
  });
  const old: DeskWeek = { file: 'weekly/archive-old.md', title: 'AI 周报 旧刊', date: daysAgo(500) };
  const hostile: DeskWeek = { file: 'notes/hostile.md', title: 'Hostile notes', date: daysAgo(200) };
  const link = (w: DeskWeek, text: string) => `[${text}](../${w.file})`;

  weeks.forEach((w, k) => {
    const tags = k === 2 ? ['security', '后门'] : k % 2 === 0 ? ['ai', '周刊'] : ['ai', 'security'];
    const prevLink = weeks[k + 1] ? `上周回顾：${link(weeks[k + 1]!, `上一期 ${weeks[k + 1]!.date}`)}` : '这是第一期。';
    let body = `本期摘要，第 ${8 - k} 期。${prevLink}\n\n## 模型发布\n\n${filler('模型', 3, k)}\n\n`;
    if (k === 3) {
      body += `### Claude Opus 4.6\n\nAnthropic released Claude Opus 4.6 with a million-token context window; 开发者可以按任务选择模型。[Release notes](https://www.anthropic.com/news)\n\n`;
    }
    body += `## 开源项目\n\n${filler('开源', 6, k)}\n\n`;
    if (k === 1) body += `另见 ${link(weeks[2]!, '后门检测专题')} 和 [旧文](./missing-week.md)。\n\n`;
    body += `## 安全研究\n\n${filler('安全', 10, k)}\n\n`;
    if (k === 2) {
      body += `### 后门检测\n\n研究团队公开一种后门检测方法，可在不知道触发词的情况下发现异常行为。Backdoor detection without the trigger.\n\n${filler('检测', 8, k)}\n`;
    }
    write(w.file, `---\ntitle: ${w.title}\ndate: ${w.date}\ntags: [${tags.join(', ')}]\n---\n${body}`);
  });

  write(old.file, `---\ntitle: ${old.title}\ndate: ${old.date}\ntags: [ai, archive]\n---\n## 模型发布\n\n旧刊：Claude 2 发布。开源模型继续进步。\n`);

  write(
    hostile.file,
    [
      '---',
      `title: ${hostile.title}`,
      `date: ${hostile.date}`,
      'tags: [hostile]',
      '---',
      '## Payloads',
      '',
      '<script>window.__pwned = "script"; alert("script")</script>',
      '',
      '<img src="x" onerror="window.__pwned = \'img\'; alert(\'img\')">',
      '',
      '<a href="#" onclick="window.__pwned = \'click\'">click me</a>',
      '',
      '<iframe src="javascript:alert(\'iframe\')"></iframe>',
      '',
      '<svg onload="window.__pwned = \'svg\'; alert(\'svg\')"><circle r="4"/></svg>',
      '',
      '[run me](javascript:window.__pwned="link") and [data](data:text/html,<script>alert(1)</script>)',
      '',
      '![tracker](https://tracker.example/pixel.png)',
      '',
      '<details open ontoggle="window.__pwned=\'details\'">x</details>',
      '',
      'Hostile marker paragraph: payloads end here.',
      '',
    ].join('\n'),
  );

  // Problem files: front matter that is not YAML, and a binary file with a .md name.
  write('broken/bad-yaml.md', '---\ntitle: [unclosed\ndate: 2026-01-01\n---\n## Body\n\ntext\n');
  write('broken/binary.md', '\u0089PNG\u0000\u0000\u0000\r\u0000\u0001binary');

  // The bulk series: one digest a week for BULK_COUNT weeks, ending 1,000 days ago.
  for (let i = 0; i < BULK_COUNT; i++) {
    const date = daysAgo(1000 + 7 * i);
    write(`bulk/${date}.md`, `---\ntitle: Bulk ${String(i).padStart(3, '0')}\ndate: ${date}\ntags: [bulk]\n---\n## Notes\n\nThe ${BULK_WORD} entry number ${i}.\n`);
  }

  return { files, vault: { weeks, backdoor: weeks[2]!, claude: weeks[3]!, old, hostile } };
}
