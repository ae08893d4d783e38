/**
 * The web mode's event stream, read with fetch and a streaming reader rather
 * than EventSource: EventSource cannot send an Authorization header, and the
 * token must not travel in a cookie or the URL. One connection is shared by
 * all listeners; it reconnects with a doubling delay (up to 30 s) while
 * anyone listens, and is aborted when the last listener leaves.
 */
import type { AlmanacEvent } from '../../shared/api.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

const MAX_DELAY_MS = 30_000;

/** The `data:` payloads of the complete frames in `buffer`, and what is left after the last complete frame. */
export function takeFrames(buffer: string): { data: string[]; rest: string } {
  const normalised = buffer.replace(/\r\n/g, '\n');
  const frames = normalised.split('\n\n');
  const rest = frames.pop() ?? '';
  const data: string[] = [];
  for (const frame of frames) {
    const lines = frame.split('\n').filter((l) => l.startsWith('data:'));
    if (lines.length > 0) data.push(lines.map((l) => l.slice(l.startsWith('data: ') ? 6 : 5)).join('\n'));
  }
  return { data, rest };
}

export class EventStream {
  private readonly listeners = new Set<(event: AlmanacEvent) => void>();
  private controller: AbortController | null = null;
  private delay: number;

  constructor(
    private readonly url: string,
    private readonly fetchImpl: FetchLike,
    private readonly headers: () => Record<string, string>,
    private readonly baseDelay: number,
  ) {
    this.delay = baseDelay;
  }

  subscribe(listener: (event: AlmanacEvent) => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.open();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  private open(): void {
    if (this.controller) return;
    const controller = new AbortController();
    this.controller = controller;
    void this.run(controller.signal);
  }

  private close(): void {
    this.controller?.abort();
    this.controller = null;
  }

  /** Connects, reads until the stream ends or fails, then waits and connects again while anyone listens. */
  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.readOnce(signal);
      } catch {
        // A refused or dropped connection: retried below.
      }
      if (signal.aborted) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.delay);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
    }
  }

  private async readOnce(signal: AbortSignal): Promise<void> {
    const response = await this.fetchImpl(this.url, { headers: { accept: 'text/event-stream', ...this.headers() }, cache: 'no-store', signal });
    if (!response.ok || !response.body) throw new Error(`event stream answered HTTP ${response.status}`);
    this.delay = this.baseDelay;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      const { data, rest } = takeFrames(buffer + value);
      buffer = rest;
      for (const payload of data) this.dispatch(payload);
    }
  }

  private dispatch(payload: string): void {
    let event: AlmanacEvent;
    try {
      event = JSON.parse(payload) as AlmanacEvent;
    } catch {
      return; // a malformed line must not break the stream
    }
    for (const listener of [...this.listeners]) listener(event);
  }
}
