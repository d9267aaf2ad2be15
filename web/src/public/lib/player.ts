/**
 * The HLS player of the watch and embed pages: hls.js when `Hls.isSupported()` (MSE), else native HLS
 * (`video.canPlayType('application/vnd.apple.mpegurl')`, Safari/iOS), else a message. The hls.js worker is
 * loaded from `/static/hls.worker.js` (copied there by web/build.mjs) so no blob/eval is needed for it.
 *
 * hls.js is most of the page's JavaScript, so it is a separate chunk the pages import on demand (loadHls): the
 * video detail request starts while it downloads and compiles instead of after (bench/playback-startup.ts).
 */
import type Hls from 'hls.js/light';
import type { ErrorData, LevelSwitchedData, ManifestParsedData } from 'hls.js';
import { announce, h, icon } from '../../shared/dom.js';
import { HLS_OPTIONS } from '../../shared/hls-options.js';
import type { VideoDetail } from '../../shared/types.js';
import { QualityMenu, levelLabel } from './quality-menu.js';

declare global {
  interface Window {
    /**
     * Handle on the active player, used by the end-to-end tests to inspect levels
     * and playback state (`hls` is null when native HLS playback is used).
     */
    __vlogPlayer?: { hls: Hls | null; video: HTMLVideoElement };
  }
}

export function notReadyMessage(video: VideoDetail): { title: string; text: string } {
  if (video.status === 'failed') {
    return { title: 'Video unavailable', text: 'This video could not be processed.' };
  }
  if (video.status === 'pending' || video.status === 'processing') {
    return {
      title: 'Still processing',
      text: 'This video is being prepared for streaming. Please check back in a few minutes.',
    };
  }
  return { title: 'Video unavailable', text: 'This video cannot be played right now.' };
}

export function playerMessage(title: string, text: string, role: 'status' | 'alert' = 'status'): HTMLElement {
  return h(
    'div',
    { class: 'player-message', role },
    icon(role === 'alert' ? 'alert' : 'film', 'icon icon-xl'),
    h('p', { class: 'player-message-title' }, title),
    h('p', null, text),
  );
}

export interface PlayerHandle {
  destroy(): void;
}

type HlsClass = typeof Hls;
let hlsModule: Promise<HlsClass> | null = null;

/** Starts (once) fetching hls.js; pages call it early so the download overlaps their first request. */
export function loadHls(): Promise<HlsClass> {
  return (hlsModule ??= import('hls.js/light').then((m) => m.default));
}

export async function setupPlayer(
  frame: HTMLElement,
  toolbar: HTMLElement,
  video: VideoDetail,
): Promise<PlayerHandle | null> {
  const el = h('video', {
    id: 'player',
    class: 'player-video',
    controls: true,
    playsinline: true,
    preload: 'metadata',
    poster: video.thumbnail_url ?? null,
    'aria-label': video.title,
  });
  const src = video.stream_url;
  if (!src) return null;

  // Without hls.js (its chunk failed to load) native HLS may still play.
  const HlsPlayer = await loadHls().catch(() => null);
  if (HlsPlayer?.isSupported()) {
    frame.appendChild(el);
    return playWithHls(HlsPlayer, { el, src, toolbar, frame });
  }

  if (el.canPlayType('application/vnd.apple.mpegurl')) {
    frame.appendChild(el);
    el.src = src;
    window.__vlogPlayer = { hls: null, video: el };
    toolbar.appendChild(h('span', { class: 'muted small' }, 'Quality: automatic'));
    return { destroy: () => el.removeAttribute('src') };
  }

  frame.appendChild(
    HlsPlayer
      ? playerMessage('Playback not supported', 'Video playback not supported in this browser.', 'alert')
      : playerMessage('Playback error', 'The player could not be loaded. Please reload the page.', 'alert'),
  );
  return null;
}

function playWithHls(
  HlsPlayer: HlsClass,
  {
    el,
    src,
    toolbar,
    frame,
  }: { el: HTMLVideoElement; src: string; toolbar: HTMLElement; frame: HTMLElement },
): PlayerHandle {
  const hls = new HlsPlayer({ ...HLS_OPTIONS });
  window.__vlogPlayer = { hls, video: el };

  const menu = new QualityMenu({
    onSelect: (level) => {
      hls.currentLevel = level; // -1 re-enables automatic (ABR) selection
      announce(level === -1 ? 'Automatic quality' : `Quality ${menuLabel(level)}`);
    },
  });
  const menuLabel = (index: number): string => {
    const level = hls.levels[index];
    return level ? levelLabel({ height: level.height, bitrate: level.bitrate }) : '';
  };
  toolbar.appendChild(menu.element);

  hls.on(HlsPlayer.Events.MANIFEST_PARSED, (_event, data: ManifestParsedData) => {
    menu.setLevels(data.levels.map((l, index) => ({ index, height: l.height, bitrate: l.bitrate })));
  });
  hls.on(HlsPlayer.Events.LEVEL_SWITCHED, (_event, data: LevelSwitchedData) => {
    menu.setCurrent(menuLabel(data.level), hls.autoLevelEnabled, hls.manualLevel);
  });

  retryErrors(HlsPlayer, hls, () => {
    hls.destroy();
    el.remove();
    menu.element.remove();
    frame.appendChild(
      playerMessage(
        'Playback error',
        'The video stream could not be loaded. Please try again later.',
        'alert',
      ),
    );
  });

  hls.loadSource(src);
  hls.attachMedia(el);
  return { destroy: () => hls.destroy() };
}

/** Fatal errors: network ones are retried 3 times (1, 2, 3 s apart), media ones recovered twice, then `giveUp`. */
function retryErrors(HlsPlayer: HlsClass, hls: Hls, giveUp: () => void): void {
  let networkRetries = 0;
  let mediaRecoveries = 0;
  hls.on(HlsPlayer.Events.ERROR, (_event, data: ErrorData) => {
    if (!data.fatal) return;
    if (data.type === HlsPlayer.ErrorTypes.NETWORK_ERROR && networkRetries < 3) {
      networkRetries++;
      window.setTimeout(() => hls.startLoad(), 1000 * networkRetries);
      return;
    }
    if (data.type === HlsPlayer.ErrorTypes.MEDIA_ERROR && mediaRecoveries < 2) {
      mediaRecoveries++;
      hls.recoverMediaError();
      return;
    }
    giveUp();
  });
  hls.on(HlsPlayer.Events.FRAG_LOADED, () => {
    networkRetries = 0;
  });
}
