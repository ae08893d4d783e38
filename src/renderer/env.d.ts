import type { AlmanacApi } from '../shared/api.js';

declare global {
  interface Window {
    /** The preload bridge (desktop only); absent in web mode. */
    almanac?: AlmanacApi;
  }
}
