/**
 * Ranking measures of the search-quality bench: nDCG@k with graded
 * judgments (gain 2^grade - 1, discount log2(rank + 1)), precision@k (share
 * of the first k places holding a relevant digest, grade >= 1), and
 * precision/recall of a result set against an oracle set.
 */

/** Judgments of one query: grade (1 relevant, 2 highly relevant) by vault path; an absent path is grade 0. */
export type Judgments = Readonly<Record<string, number>>;

const gain = (grade: number): number => 2 ** grade - 1;

/** Discounted cumulative gain of the first k of `ranked`. */
function dcg(grades: readonly number[], k: number): number {
  let sum = 0;
  grades.slice(0, k).forEach((g, i) => {
    sum += gain(g) / Math.log2(i + 2);
  });
  return sum;
}

/** nDCG@k of `ranked` (vault paths, best first); 1 when nothing is relevant and nothing was ranked relevant. */
export function ndcgAt(ranked: readonly string[], judgments: Judgments, k = 10): number {
  const ideal = dcg(
    Object.values(judgments)
      .filter((g) => g > 0)
      .sort((a, b) => b - a),
    k,
  );
  if (ideal === 0) return 1;
  return dcg(
    ranked.map((p) => judgments[p] ?? 0),
    k,
  ) / ideal;
}

/** Share of the first k places (k, not the results' count) holding a digest of grade 1 or more. */
export function precisionAt(ranked: readonly string[], judgments: Judgments, k = 10): number {
  return ranked.slice(0, k).filter((p) => (judgments[p] ?? 0) > 0).length / k;
}

/** Precision and recall of `found` against `expected` (1 when both are empty). */
export function setAgreement(found: readonly string[], expected: ReadonlySet<string>): { precision: number; recall: number } {
  const hits = found.filter((p) => expected.has(p)).length;
  return {
    precision: found.length === 0 ? (expected.size === 0 ? 1 : 0) : hits / found.length,
    recall: expected.size === 0 ? 1 : hits / expected.size,
  };
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
