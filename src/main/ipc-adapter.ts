/**
 * The IPC adapter: registers one ipcMain handler per contract method
 * (API_METHODS, exactly those) on the channel `almanac:<method>`. Each call is
 * checked in this order: the sender frame must show our UI, the arguments
 * must pass the shared validators (src/shared/validate.ts), and the desktop
 * policy (openVault with a path only for a recent vault) must allow it.
 *
 * A handler answers a WireReply and never throws for a call it accepted:
 * Electron keeps only the message of an error thrown by a handler, so the
 * error's code and parameters travel as data (serializeError) and the
 * renderer's IPC client rebuilds the AlmanacError.
 */
import { API_METHODS, type AlmanacApi, type ApiMethod } from '../shared/api.js';
import { serializeError } from '../shared/errors.js';
import { ipcChannel, type WireReply } from '../shared/transport.js';
import { callApi, validateArgs, ValidationError, type MethodArgs } from '../shared/validate.js';
import type { IpcMainLike } from './electron-deps.js';

export interface IpcAdapterOptions {
  ipcMain: IpcMainLike;
  api: AlmanacApi;
  /** The sender check, given the URL of the calling frame (null when the frame is gone). */
  isTrustedSender: (frameUrl: string | null) => boolean;
  /** Told about refused calls: untrusted senders, bad arguments (logs). */
  onRefused?: (method: ApiMethod, reason: string) => void;
  /** Told about calls that failed inside Almanac (code 'internal'; logs). */
  onFailed?: (method: ApiMethod, err: unknown) => void;
}

/** Raised for a call from a frame that is not our UI (thrown: such a caller gets no typed answer). */
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
    const problem = 'is not one of the recent vaults; choose the folder with File > Open Vault…';
    throw new ValidationError(`openVault: ${JSON.stringify(folder)} ${problem}`, { argument: 'path', problem });
  }
}

interface SenderEvent {
  senderFrame: { url: string } | null;
}

/** One accepted call, answered as a WireReply. */
async function answer(options: IpcAdapterOptions, method: ApiMethod, rawArgs: unknown[]): Promise<WireReply> {
  try {
    const args = validateArgs(method, rawArgs);
    if (method === 'openVault') await checkOpenVaultPolicy(options.api, args as MethodArgs<'openVault'>);
    return { ok: true, result: await callApi(options.api, method, args) };
  } catch (err) {
    const error = serializeError(err);
    if (error.code === 'invalid-argument') options.onRefused?.(method, error.message);
    else if (error.code === 'internal') options.onFailed?.(method, err);
    return { ok: false, error };
  }
}

/** Registers the handlers; returns a function that removes them again. */
export function registerIpcHandlers(options: IpcAdapterOptions): () => void {
  const { ipcMain } = options;
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), (event: SenderEvent, ...rawArgs: unknown[]) => {
      const frameUrl = event.senderFrame?.url ?? null;
      if (!options.isTrustedSender(frameUrl)) {
        const reason = `${method}: refused a call from ${frameUrl === null ? 'a closed frame' : JSON.stringify(frameUrl)}, which is not the Almanac UI`;
        options.onRefused?.(method, reason);
        throw new UntrustedSenderError(reason);
      }
      return answer(options, method, rawArgs);
    });
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(ipcChannel(method));
  };
}
