/**
 * The hls.js options of every player (watch page, admin preview): worker from our own origin
 * (`/static/hls.worker.js`, copied there by web/build.mjs — no blob: worker, so the CSP holds), and
 * 90 s of back buffer (ui.md §1.4).
 *
 * The first bandwidth estimate is 1.5 Mbps: hls.js starts at the best level whose bitrate fits it, 480p on our
 * ladder (1 Mbps; 720p is 2.5 Mbps). With hls.js's own 500 kbps no level fits, so it fell back to the first
 * listed one, 1080p: a 4.7 MB first segment to fetch and decode before the first frame. ABR moves up as soon as
 * that first segment has measured the real bandwidth. bench/playback-startup.ts, quiet machine, cold median of
 * 10: 720p start 1006 ms, 480p start 972 ms (the first segment loads ~60 ms sooner and
 * decodes faster).
 */
export const HLS_OPTIONS = {
  enableWorker: true,
  backBufferLength: 90,
  workerPath: '/static/hls.worker.js',
  abrEwmaDefaultEstimate: 1_500_000,
} as const;
