import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, headless; muted autoplay allowed so hls.js playback can be asserted. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.VLOG_TEST_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}
