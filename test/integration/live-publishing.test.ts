// Issue 3: watchable within seconds. A processing video is published live: master and EVENT variant
// playlists of complete, decodable segments, never a partial file, then VOD once finished.
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMediaPlaylist } from '../../src/media/output-validation.js';
import {
  packets,
  playlist,
  playlistOf,
  probeTarget,
  published,
  watchForPartials,
} from '../helpers/ladder-output.js';
import {
  CASE_TIMEOUT,
  CLIP_SECONDS,
  expectFinished,
  jobRow,
  qualityRows,
  SEGMENT,
  upload,
  useLadderApps,
  videoRow,
} from '../helpers/live-ladder.js';
import { TEST_ADMIN_SECRET } from '../helpers/test-app.js';
import { waitFor } from '../helpers/wait.js';

const { app, worker } = useLadderApps();

describe('live publishing', () => {
  it(
    'a processing 1080p video plays within seconds: master + EVENT variants, never a partial file',
    async () => {
      const t = await app('pglite');
      await worker(t);
      const names = ['1080p', '720p', '480p', '360p'];
      const video = await upload(t, 'landscape1080x8s');
      const uploaded = Date.now();
      const partials = watchForPartials(video.dir);
      const base = `/videos/${path.basename(video.dir)}`;
      // Unpublished until ready: a processing video is watched through the admin app (authorised preview).
      const get = (url: string) =>
        t.adminApp.inject({
          method: 'GET',
          url: `${base}/${url}`,
          headers: { 'x-admin-secret': TEST_ADMIN_SECRET },
        });
      // First playable: the master and, for every variant it lists, the playlist and its first segment.
      const playable = await waitFor(
        async () => {
          const master = await get('master.m3u8');
          if (master.statusCode !== 200) return undefined;
          const uris = master.body.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
          for (const uri of uris) {
            const first = parseMediaPlaylist((await get(uri)).body).segments[0];
            if (!first || (await get(path.posix.join(path.posix.dirname(uri), first.uri))).statusCode !== 200)
              return undefined;
          }
          return { seconds: (Date.now() - uploaded) / 1000, uris };
        },
        { timeoutMs: 60_000, intervalMs: 50, what: 'the first playable state' },
      );
      console.info(
        `time to first playable (1080p source, ${SEGMENT} s segments): ${playable.seconds.toFixed(2)} s`,
      );
      expect(playable.uris.sort()).toEqual(names.map((n) => playlistOf('cmaf', n)).sort());
      // The goal is 10 s on 2 idle cores; a machine busy with other work gets room in proportion.
      const load = (os.loadavg()[0] ?? 0) / os.cpus().length;
      console.info(`load per core while measuring: ${load.toFixed(1)}`);
      expect(playable.seconds).toBeLessThan(10 * Math.max(1, load));

      // Still processing: every variant is an EVENT playlist of complete, decodable segments.
      const snapshot = await Promise.all(names.map((n) => playlist(video.dir, playlistOf('cmaf', n))));
      expect((await videoRow(t, video.id)).status).toBe('processing');
      const job = await jobRow(t, video.id);
      const rows = await qualityRows(t, job.id);
      const counts = await published(video.dir, 'cmaf', names);
      const admin = await t.adminApp.inject({
        method: 'GET',
        url: `/api/videos/${video.id}`,
        headers: { 'x-admin-secret': TEST_ADMIN_SECRET },
      });
      expect(admin.json()).toMatchObject({ status: 'processing', stream_url: `${base}/master.m3u8` });
      for (const [i, p] of snapshot.entries()) {
        expect([p.type, p.hasEndList], names[i]).toEqual(['EVENT', false]);
        expect(p.segments.length).toBeGreaterThanOrEqual(1);
        for (const f of p.files) expect((await packets(probeTarget('cmaf', f))).length).toBeGreaterThan(30);
      }
      // Progress never claims more than what is published (read first: publishing only adds).
      for (const r of rows)
        expect(r.segments_completed ?? 0).toBeLessThanOrEqual(counts[names.indexOf(r.quality)] ?? 0);
      expect(Math.min(...counts)).toBeLessThan(CLIP_SECONDS / SEGMENT);

      await expectFinished(t, { video, format: 'cmaf', names, resumed: false });
      expect(await partials()).toEqual([]);
    },
    CASE_TIMEOUT,
  );
});
