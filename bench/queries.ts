/**
 * The fixed query set of `npm run bench`: CJK words and phrases, English
 * words and product names, prefixes (a query still being typed), typos,
 * filters (tag:, after:, date:, in:) and facets, sorted by relevance and
 * newest first. Never change an entry in place: results are compared across
 * runs, so add new entries at the end.
 *
 * `terms` are the plain strings the baselines (ripgrep, FTS5 trigram) look
 * for; they ignore filters and sorting, which only Almanac applies.
 */
import type { SearchRequest, SortOrder } from '../src/shared/api.js';

export type QueryKind = 'cjk' | 'cjk-phrase' | 'english' | 'mixed' | 'prefix' | 'typo' | 'filter';

export interface BenchQuery {
  kind: QueryKind;
  query: string;
  sort: SortOrder;
  facets: boolean;
  terms: string[];
}

function q(kind: QueryKind, query: string, terms: string[], sort: SortOrder = 'relevance', facets = true): BenchQuery {
  return { kind, query, sort, facets, terms };
}

export const BENCH_QUERIES: readonly BenchQuery[] = [
  q('cjk', '大模型', ['大模型']),
  q('cjk', '开源', ['开源']),
  q('cjk', '安全', ['安全'], 'newest'),
  q('cjk', '后门检测', ['后门检测']),
  q('cjk', '后门', ['后门']),
  q('cjk', '智能代理', ['智能代理'], 'newest'),
  q('cjk', '芯片', ['芯片'], 'relevance', false),
  q('cjk', '推理', ['推理']),
  q('cjk', '上下文窗口', ['上下文窗口']),
  q('cjk', '睡眠特工', ['睡眠特工'], 'newest', false),
  q('cjk', '具身智能', ['具身智能']),
  q('cjk-phrase', '"开源权重"', ['开源权重']),
  q('cjk-phrase', '开源 大模型', ['开源', '大模型']),
  q('cjk-phrase', '智能代理 安全', ['智能代理', '安全'], 'newest'),
  q('cjk-phrase', '芯片 出口管制', ['芯片', '出口管制']),
  q('english', 'NVIDIA', ['NVIDIA']),
  q('english', 'Anthropic', ['Anthropic'], 'newest'),
  q('english', '"Claude Opus 4.6"', ['Claude Opus 4.6']),
  q('english', 'GPT-5.3-Codex', ['GPT-5.3-Codex']),
  q('english', 'Kimi K2.5', ['Kimi', 'K2.5'], 'relevance', false),
  q('english', 'inference latency', ['inference', 'latency']),
  q('english', '"Hugging Face"', ['Hugging Face'], 'newest'),
  q('mixed', 'OpenAI 安全', ['OpenAI', '安全']),
  q('mixed', 'NVIDIA 芯片', ['NVIDIA', '芯片'], 'newest'),
  q('mixed', 'Gemini 多模态', ['Gemini', '多模态']),
  q('mixed', 'DeepSeek 开源权重', ['DeepSeek', '开源权重']),
  q('prefix', 'Anthrop', ['Anthrop']),
  q('prefix', 'Gemin', ['Gemin'], 'newest'),
  q('prefix', 'Code', ['Code']),
  q('prefix', '开源 Hug', ['开源', 'Hug']),
  q('typo', 'Antrhopic', ['Antrhopic']),
  q('typo', 'Gemnii', ['Gemnii']),
  q('typo', 'NVIDA', ['NVIDA'], 'newest'),
  q('typo', 'Moonshto', ['Moonshto']),
  q('filter', 'tag:安全 后门检测', ['后门检测']),
  q('filter', 'tag:AI after:2025-01-01 大模型', ['大模型'], 'newest'),
  q('filter', 'date:2024 NVIDIA', ['NVIDIA']),
  q('filter', 'in:security-digest 漏洞', ['漏洞']),
  q('filter', 'after:2026-01-01 OpenAI', ['OpenAI'], 'newest'),
  q('filter', 'tag:开源 tag:芯片', [], 'newest'),
  q('filter', 'before:2024-06-30 智能代理 -安全', ['智能代理'], 'relevance', false),
  q('filter', 'title:周报 Claude', ['Claude']),
];

/** The first-page request the UI would send for this query. */
export function toRequest(query: BenchQuery): SearchRequest {
  return { query: query.query, sort: query.sort, facets: query.facets, limit: 20, offset: 0 };
}
