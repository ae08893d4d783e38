/**
 * Main-process services booted explicitly in dependency order and shut down
 * in reverse (after Zettlr's service providers). A service that fails to shut
 * down is logged and the others still run.
 */
import type { Logger } from './logger.js';

export interface MainService {
  readonly name: string;
  boot(): Promise<void> | void;
  shutdown(): Promise<void> | void;
}

export class ServiceContainer {
  private readonly booted: MainService[] = [];

  constructor(private readonly log: Logger) {}

  /** Boots one service after those already booted; a failure is thrown (startup cannot go on). */
  async boot(service: MainService): Promise<void> {
    this.log.info(`boot ${service.name}`);
    await service.boot();
    this.booted.push(service);
  }

  /** Boots a service that is one value (created by `create`, disposed by `dispose`) and returns it. */
  async provide<T>(name: string, create: () => Promise<T> | T, dispose: (value: T) => Promise<void> | void): Promise<T> {
    let value: T | undefined;
    await this.boot({
      name,
      boot: async () => {
        value = await create();
      },
      shutdown: () => dispose(value as T),
    });
    return value as T;
  }

  get names(): string[] {
    return this.booted.map((s) => s.name);
  }

  async shutdown(): Promise<void> {
    while (this.booted.length > 0) {
      const service = this.booted.pop() as MainService;
      try {
        this.log.info(`shutdown ${service.name}`);
        await service.shutdown();
      } catch (err) {
        this.log.error(`shutdown of ${service.name} failed`, err);
      }
    }
  }
}
