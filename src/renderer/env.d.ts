import type { IpcBridge } from '../shared/transport.js';

declare global {
  interface Window {
    /** The preload bridge (desktop only; absent in web mode): replies as data, unwrapped by ipc-client.ts. */
    almanac?: IpcBridge;
  }
}
