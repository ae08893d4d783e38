/**
 * The object the preload exposes as window.almanac: one function per contract
 * method, each forwarding to ipcRenderer.invoke on the method's channel, plus
 * onEvent. Pure apart from the two injected functions, so it is unit-tested
 * under Node (the preload entry itself needs Electron).
 */
import { API_METHODS, type AlmanacApi, type AlmanacEvent, type ApiMethod } from '../shared/api.js';
import { ipcChannel } from '../shared/transport.js';

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;
export type Subscribe = (listener: (event: AlmanacEvent) => void) => () => void;

export function createBridge(invoke: Invoke, subscribe: Subscribe): AlmanacApi {
  const call =
    (method: ApiMethod) =>
    (...args: unknown[]): Promise<unknown> => {
      // Trailing undefined arguments are dropped so that optional parameters stay optional.
      while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
      return invoke(ipcChannel(method), ...args);
    };
  const methods = Object.fromEntries(API_METHODS.map((m) => [m, call(m)])) as Omit<AlmanacApi, 'onEvent'>;
  return {
    ...methods,
    onEvent: (listener) => {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
      return subscribe(listener);
    },
  };
}
