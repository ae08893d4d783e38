/**
 * Server-sent events for web mode: one `data:` line of JSON (an AlmanacEvent)
 * per event, a comment line as heartbeat so proxies and the browser keep the
 * connection, and the subscription dropped as soon as the client goes away.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AlmanacApi, AlmanacEvent } from '../shared/api.js';

export interface EventHubOptions {
  heartbeatMs?: number;
}

export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;

  constructor(api: AlmanacApi, options: EventHubOptions = {}) {
    this.unsubscribe = api.onEvent((event) => this.broadcast(event));
    this.heartbeat = setInterval(() => {
      for (const res of this.clients) res.write(': ping\n\n');
    }, options.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  attach(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    this.clients.add(res);
    const drop = (): void => {
      this.clients.delete(res);
    };
    req.on('close', drop);
    res.on('close', drop);
  }

  broadcast(event: AlmanacEvent): void {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of this.clients) res.write(frame);
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
