/**
 * The preload bridge: exposes exactly the AlmanacApi contract on
 * window.almanac through contextBridge, nothing else (no ipcRenderer, no Node).
 * Runs sandboxed, so it is bundled to one CommonJS file that requires only
 * 'electron'. Arguments are checked again in the main process; this side only
 * forwards them.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AlmanacEvent } from '../shared/api.js';
import { BRIDGE_GLOBAL, IPC_EVENT_CHANNEL } from '../shared/transport.js';
import { createBridge } from './bridge.js';

function subscribeToMain(listener: (event: AlmanacEvent) => void): () => void {
  // The IpcRendererEvent is never handed to the page: it carries `sender`, a way back into ipcRenderer.
  const handler = (_event: IpcRendererEvent, payload: AlmanacEvent): void => listener(payload);
  ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
  return () => {
    ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  };
}

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge((channel, ...args) => ipcRenderer.invoke(channel, ...args), subscribeToMain));
