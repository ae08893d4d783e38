/** One Electronegativity finding, with `file` as `out/<part>/...` or "N/A". */
export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
}
export interface AcceptedFinding {
  check: string;
  file: string;
  reason: string;
}
export function toFinding(issue: unknown, scanDir: string): Finding;
export function acceptedFindings(markdown: string): AcceptedFinding[];
export function isAccepted(finding: Pick<Finding, 'check' | 'file'>, accepted: AcceptedFinding[]): boolean;
