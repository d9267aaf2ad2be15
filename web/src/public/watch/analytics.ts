/**
 * Viewer analytics of the watch page (api-public.md §4.7, ui.md §1.4): one playback session per page view,
 * opened at the first `play`; a heartbeat every 30 s while playing and at each pause and seek (before the
 * seek with the position it left, after it with the new one, so the server credits only what was played);
 * the end at `ended` and, with navigator.sendBeacon, when the page is hidden or left. The viewer cookie is
 * set by the server (HttpOnly); nothing else about the viewer is sent.
 */

const HEARTBEAT_MS = 30_000;

/** The quality being played, as the ladder names it (short side + "p"); the server drops unknown names. */
function playingQuality(media: HTMLVideoElement): string | null {
  const side = Math.min(media.videoWidth, media.videoHeight);
  return side > 0 ? `${side}p` : null;
}

const post = (url: string, body: object): Promise<Response> =>
  fetch(url, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    keepalive: true,
  });

export function trackPlayback(media: HTMLVideoElement, videoId: number): void {
  let session: Promise<string | null> | null = null;
  let token: string | null = null;
  let timer: number | undefined;
  /** The playhead before a seek started (timeupdate stops following it while seeking). */
  let lastPlayhead = media.currentTime;

  const position = (at = media.currentTime) => Math.min(Math.max(at, 0), 86_400);
  const beat = (at: number, playing: boolean) => {
    if (!token) return;
    void post('/api/analytics/heartbeat', {
      session_token: token,
      position: position(at),
      quality: playingQuality(media),
      playing,
    }).catch(() => undefined);
  };
  const stopTimer = () => {
    window.clearInterval(timer);
    timer = undefined;
  };

  media.addEventListener('play', () => {
    session ??= post('/api/analytics/session', {
      video_id: videoId,
      quality: playingQuality(media),
      position: position(),
    })
      .then(async (res) => (res.ok ? ((await res.json()) as { session_token: string }).session_token : null))
      .catch(() => null)
      .then((t) => (token = t));
    stopTimer();
    timer = window.setInterval(() => beat(media.currentTime, true), HEARTBEAT_MS);
  });
  media.addEventListener('timeupdate', () => {
    if (!media.seeking) lastPlayhead = media.currentTime;
  });
  media.addEventListener('pause', () => {
    stopTimer();
    beat(media.currentTime, false);
  });
  media.addEventListener('seeking', () => beat(lastPlayhead, !media.paused));
  media.addEventListener('seeked', () => {
    lastPlayhead = media.currentTime;
    beat(media.currentTime, !media.paused);
  });
  media.addEventListener('ended', () => {
    stopTimer();
    if (token)
      void post('/api/analytics/end', { session_token: token, position: position(), completed: true }).catch(
        () => undefined,
      );
  });

  const leave = () => {
    if (!token) return;
    const body = JSON.stringify({ session_token: token, position: position(), completed: media.ended });
    // A string goes as text/plain, which the server reads as JSON; the request outlives the page.
    if (!navigator.sendBeacon?.('/api/analytics/end', body))
      void post('/api/analytics/end', JSON.parse(body));
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') leave();
  });
  window.addEventListener('pagehide', leave);
}
