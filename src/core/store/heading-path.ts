/** How a heading path is shown as one string ("深度报道与点评 › 1. OpenAI ..."); the FTS heading column uses the same form. */
export const HEADING_PATH_SEPARATOR = ' \u203a ';

export function formatHeadingPath(headingPath: readonly string[]): string {
  return headingPath.join(HEADING_PATH_SEPARATOR);
}
