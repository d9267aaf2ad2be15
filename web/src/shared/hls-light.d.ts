// `hls.js/light` (hls.js without subtitles, alternate audio, EME, CMCD and interstitials — none of which VLog's
// streams use; captions are a native <track>) ships no typings of its own: its API is the full build's.
declare module 'hls.js/light' {
  export * from 'hls.js';
  export { default } from 'hls.js';
}
