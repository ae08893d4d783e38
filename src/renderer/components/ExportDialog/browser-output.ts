/**
 * How the browser hands an export to the user without the desktop shell:
 * a download of a Blob, the clipboard, and a tab to print a PDF from.
 */

const MIME: Record<'md' | 'html', string> = {
  md: 'text/markdown;charset=utf-8',
  html: 'text/html;charset=utf-8',
};

/** Downloads `content` as `fileName` (already sanitized by the server's export core). */
export function downloadExport(content: string, fileName: string, format: 'md' | 'html', doc: Document = document): void {
  downloadBlob(new Blob([content], { type: MIME[format] }), fileName, doc);
}

/** Downloads a Blob under a file name: an <a download> click (the desktop shell asks where to save it). */
export function downloadBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.hidden = true;
  // Inside a modal <dialog> the rest of the page is inert: the link goes where the focus is.
  (doc.activeElement?.closest('dialog') ?? doc.body).append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function copyWithSelection(text: string, doc: Document): void {
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  const host = doc.activeElement?.closest('dialog') ?? doc.body;
  const focused = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
  host.append(area);
  area.select();
  const ok = doc.execCommand('copy');
  area.remove();
  focused?.focus();
  if (!ok) throw new Error('the browser refused to copy');
}

/**
 * Copies `text`: the async Clipboard API where it exists and is allowed
 * (127.0.0.1 and app:// are secure contexts), else — or when it is refused —
 * the selection-based copy command.
 */
export async function copyText(text: string, doc: Document = document): Promise<void> {
  const clipboard = doc.defaultView?.navigator.clipboard;
  if (clipboard?.writeText) {
    try {
      await clipboard.writeText(text);
      return;
    } catch {
      // Permission refused (the desktop shell denies permission checks): fall back below.
    }
  }
  copyWithSelection(text, doc);
}

/**
 * Opens a tab for the HTML export; call synchronously in the click handler
 * (before any await) so the browser counts it as the user's action. Null
 * when pop-ups are blocked.
 */
export function openPrintTab(win: Window = window): Window | null {
  return win.open('', '_blank');
}

/** Shows the export in the tab and opens its print dialog ("Save as PDF"). The export has no scripts and a CSP forbidding them. */
export function printInTab(tab: Window, html: string): void {
  tab.document.open();
  tab.document.write(html);
  tab.document.close();
  tab.focus();
  setTimeout(() => tab.print(), 250);
}
