/**
 * AlmanacApi over the preload bridge (desktop): each method unwraps the main
 * process's WireReply into its result, or throws the AlmanacError it carries,
 * code and parameters intact (src/shared/transport.ts unwrapReply).
 */
import { API_METHODS, type AlmanacApi } from '../../shared/api.js';
import { unwrapReply, type IpcBridge } from '../../shared/transport.js';

export function createIpcClient(bridge: IpcBridge): AlmanacApi {
  const api: Partial<AlmanacApi> = { onEvent: (listener) => bridge.onEvent(listener) };
  for (const method of API_METHODS) {
    const send = bridge[method] as (...args: unknown[]) => Promise<unknown>;
    (api as Record<string, unknown>)[method] = async (...args: unknown[]) => unwrapReply(method, await send(...args));
  }
  return api as AlmanacApi;
}
