/**
 * Server-sent events for web mode: one `data:` line of JSON (an AlmanacEvent)
 * per event, a comment line as heartbeat so proxies and the browser keep the
 * connection, and the subscription dropped as soon as the client goes away.
 *
 * Every stream starts with a 'vault-changed' event carrying the current
 * status. The page fetches the status and opens the stream over separate
 * connections, so without it an index run that ended between the two (or
 * while the stream was reconnecting) left the page showing "Indexing" for
 * good. Events that arrive while the status is being read are held and
 * written after it: getStatus answers from memory when it is called, so they
 * are newer than the status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AlmanacApi, AlmanacEvent } from '../shared/api.js';

export interface EventHubOptions {
  heartbeatMs?: number;
}

export class EventHub {
  /** Client -> events held until its opening status is written (null once it is). */
  private readonly clients = new Map<ServerResponse, string[] | null>();
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly api: AlmanacApi,
    options: EventHubOptions = {},
  ) {
    this.unsubscribe = api.onEvent((event) => this.broadcast(event));
    this.heartbeat = setInterval(() => {
      for (const res of this.clients.keys()) res.write(': ping\n\n');
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
    const held: string[] = [];
    this.clients.set(res, held);
    const drop = (): void => {
      this.clients.delete(res);
    };
    req.on('close', drop);
    res.on('close', drop);
    const start = (opening: string | null): void => {
      if (this.clients.get(res) !== held) return; // gone (or the hub closed) meanwhile
      if (opening !== null) res.write(opening);
      for (const data of held) res.write(data);
      this.clients.set(res, null);
    };
    Promise.resolve()
      .then(() => this.api.getStatus())
      .then(
        (status) => start(frame({ type: 'vault-changed', status })),
        // No status (the service is closing): the events alone still flow.
        () => start(null),
      );
  }

  broadcast(event: AlmanacEvent): void {
    const data = frame(event);
    for (const [res, held] of this.clients) {
      if (held) held.push(data);
      else res.write(data);
    }
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const res of this.clients.keys()) res.end();
    this.clients.clear();
  }
}

function frame(event: AlmanacEvent): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}
