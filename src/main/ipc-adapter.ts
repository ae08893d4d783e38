/**
 * The IPC adapter: registers one ipcMain handler per contract method
 * (API_METHODS, exactly those) on the channel `almanac:<method>`. Each call is
 * checked in this order: the sender frame must show our UI, the arguments
 * must pass the shared validators (src/shared/validate.ts), and the desktop
 * policy (openVault with a path only for a recent vault) must allow it.
 */
import { API_METHODS, type AlmanacApi, type ApiMethod } from '../shared/api.js';
import { ipcChannel } from '../shared/transport.js';
import { callApi, validateArgs, ValidationError, type MethodArgs } from '../shared/validate.js';
import type { IpcMainLike } from './electron-deps.js';

export interface IpcAdapterOptions {
  ipcMain: IpcMainLike;
  api: AlmanacApi;
  /** The sender check, given the URL of the calling frame (null when the frame is gone). */
  isTrustedSender: (frameUrl: string | null) => boolean;
  /** Told about refused calls (logs). */
  onRefused?: (method: ApiMethod, reason: string) => void;
}

/** Raised for a call from a frame that is not our UI. */
export class UntrustedSenderError extends Error {
  override name = 'UntrustedSenderError';
}

/**
 * Desktop rule for openVault(path): a path is accepted only if it is one of
 * the recent vaults (which the user once chose in the folder dialog), so a
 * compromised renderer cannot point Almanac at arbitrary folders. Without a
 * path the main process shows the folder dialog.
 */
export async function checkOpenVaultPolicy(api: AlmanacApi, args: MethodArgs<'openVault'>): Promise<void> {
  const [folder] = args;
  if (folder === undefined) return;
  const recent = await api.recentVaults();
  if (!recent.some((v) => v.path === folder)) {
    throw new ValidationError(
      `openVault: ${JSON.stringify(folder)} is not one of the recent vaults; choose the folder with File > Open Vault…`,
    );
  }
}

interface SenderEvent {
  senderFrame: { url: string } | null;
}

/** Registers the handlers; returns a function that removes them again. */
export function registerIpcHandlers(options: IpcAdapterOptions): () => void {
  const { ipcMain, api } = options;
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event: SenderEvent, ...rawArgs: unknown[]) => {
      const frameUrl = event.senderFrame?.url ?? null;
      if (!options.isTrustedSender(frameUrl)) {
        const reason = `${method}: refused a call from ${frameUrl === null ? 'a closed frame' : JSON.stringify(frameUrl)}, which is not the Almanac UI`;
        options.onRefused?.(method, reason);
        throw new UntrustedSenderError(reason);
      }
      try {
        const args = validateArgs(method, rawArgs);
        if (method === 'openVault') await checkOpenVaultPolicy(api, args as MethodArgs<'openVault'>);
        return await callApi(api, method, args);
      } catch (err) {
        if (err instanceof ValidationError) options.onRefused?.(method, err.message);
        throw err;
      }
    });
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(ipcChannel(method));
  };
}
