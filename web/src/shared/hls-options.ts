/**
 * The hls.js options of every player (watch page, admin preview): worker from our own origin
 * (`/static/hls.worker.js`, copied there by web/build.mjs — no blob: worker, so the CSP holds), and
 * 90 s of back buffer (ui.md §1.4).
 */
export const HLS_OPTIONS = {
  enableWorker: true,
  backBufferLength: 90,
  workerPath: '/static/hls.worker.js',
} as const;
