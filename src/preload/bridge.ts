/**
 * The object the preload exposes as window.almanac: one function per contract
 * method, each forwarding to ipcRenderer.invoke on the method's channel and
 * handing back the main process's WireReply untouched, plus onEvent. The
 * reply stays plain data because contextBridge, like Electron's IPC, keeps
 * only the message of a thrown error; the renderer's IPC client
 * (src/renderer/api/ipc-client.ts) unwraps it into a result or an
 * AlmanacError. Pure apart from the two injected functions, so it is
 * unit-tested under Node (the preload entry itself needs Electron).
 */
import { API_METHODS, type AlmanacEvent, type ApiMethod } from '../shared/api.js';
import { ipcChannel, type IpcBridge } from '../shared/transport.js';

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;
export type Subscribe = (listener: (event: AlmanacEvent) => void) => () => void;

export function createBridge(invoke: Invoke, subscribe: Subscribe): IpcBridge {
  const call =
    (method: ApiMethod) =>
    (...args: unknown[]): Promise<unknown> => {
      // Trailing undefined arguments are dropped so that optional parameters stay optional.
      while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
      return invoke(ipcChannel(method), ...args);
    };
  const methods = Object.fromEntries(API_METHODS.map((m) => [m, call(m)])) as Omit<IpcBridge, 'onEvent'>;
  return {
    ...methods,
    onEvent: (listener) => {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
      return subscribe(listener);
    },
  };
}
