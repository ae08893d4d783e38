/**
 * Remembers the main window's size, position and maximised state in
 * `<userData>/window-state.json`. A saved position is used only if the window
 * would still be visible on one of the current displays (a monitor may have
 * been unplugged); otherwise the window opens centred at the saved size.
 */
import path from 'node:path';
import type { Rectangle } from './electron-deps.js';
import { readJsonFile, writeJsonFileAtomic } from '../core/paths/json-file.js';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1200, height: 800, maximized: false };
export const MIN_WINDOW = { width: 640, height: 480 } as const;
/** At least this much of the title bar must lie on a display. */
const VISIBLE_MARGIN = 64;

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** Parses whatever was saved; anything malformed falls back to the defaults. */
export function parseWindowState(value: unknown): WindowState {
  if (typeof value !== 'object' || value === null) return { ...DEFAULT_WINDOW_STATE };
  const v = value as Record<string, unknown>;
  const state: WindowState = {
    width: isInt(v.width) ? v.width : DEFAULT_WINDOW_STATE.width,
    height: isInt(v.height) ? v.height : DEFAULT_WINDOW_STATE.height,
    maximized: v.maximized === true,
  };
  if (isInt(v.x) && isInt(v.y)) {
    state.x = v.x;
    state.y = v.y;
  }
  return state;
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The state to open with on these displays (their work areas): size clamped
 * to the largest display and to the minimum size; position dropped unless the
 * window's top strip overlaps a display by VISIBLE_MARGIN in both directions.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rectangle[]): WindowState {
  const maxWidth = Math.max(MIN_WINDOW.width, ...workAreas.map((d) => d.width));
  const maxHeight = Math.max(MIN_WINDOW.height, ...workAreas.map((d) => d.height));
  const fitted: WindowState = {
    width: Math.min(Math.max(state.width, MIN_WINDOW.width), maxWidth),
    height: Math.min(Math.max(state.height, MIN_WINDOW.height), maxHeight),
    maximized: state.maximized,
  };
  if (state.x === undefined || state.y === undefined) return fitted;
  const titleBar: Rectangle = { x: state.x, y: state.y, width: fitted.width, height: VISIBLE_MARGIN };
  const visible = workAreas.some((d) => {
    const o = overlap(titleBar, d);
    return o.width >= VISIBLE_MARGIN && o.height >= Math.min(VISIBLE_MARGIN, titleBar.height);
  });
  if (visible) {
    fitted.x = state.x;
    fitted.y = state.y;
  }
  return fitted;
}

export class WindowStateFile {
  constructor(readonly file: string) {}

  static inUserData(userData: string): WindowStateFile {
    return new WindowStateFile(path.join(userData, 'window-state.json'));
  }

  load(workAreas: readonly Rectangle[]): WindowState {
    return fitToDisplays(parseWindowState(readJsonFile(this.file)), workAreas);
  }

  save(bounds: Rectangle, maximized: boolean): void {
    writeJsonFileAtomic(this.file, { ...bounds, maximized });
  }
}
