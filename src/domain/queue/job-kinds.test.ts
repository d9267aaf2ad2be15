// The registry's promise: a per-kind map without an entry for every kind does not compile (`npx tsc`
// fails on an unused @ts-expect-error, so these lines prove the error is there).
import { describe, expect, it } from 'vitest';
import type { SpriteResult } from '../../contracts/sprite-job.js';
import { JOB_KIND_NAMES, JOB_KINDS, type JobHandlerMap, type PerJobKind } from './job-kinds.js';
import { createStaleJobRecovery } from './stale-job-recovery.js';

const refuse = () => Promise.reject(new Error('not run'));

describe('the job kind registry', () => {
  it('names every kind with its queue table', () => {
    expect(JOB_KIND_NAMES).toEqual(['transcode', 'sprite', 'reencode', 'transcription']);
    expect(JOB_KIND_NAMES.map((k) => JOB_KINDS[k].descriptor.table)).toEqual([
      'transcoding_jobs',
      'sprite_queue',
      'reencode_queue',
      'transcriptions',
    ]);
  });

  it('types handlers by kind, and a handler map missing a kind does not compile', async () => {
    const sheets: SpriteResult = { count: 1, interval: 1, tileSize: 5, frameWidth: 160, frameHeight: 90 };
    const handlers: JobHandlerMap<null> = {
      transcode: refuse,
      sprite: (job) => Promise.resolve({ ...sheets, count: job.duration }),
      reencode: refuse,
      transcription: refuse,
    };
    expect(await handlers.sprite({ jobId: 1, videoId: 2, slug: 's', duration: 3 }, null)).toEqual({
      ...sheets,
      count: 3,
    });
    // @ts-expect-error -- no handler for 'reencode'
    const missing: JobHandlerMap<null> = { transcode: refuse, sprite: refuse, transcription: refuse };
    const wrong: JobHandlerMap<null> = {
      transcode: refuse,
      // @ts-expect-error -- a sprite handler must return a SpriteResult
      sprite: () => Promise.resolve(1),
      reencode: refuse,
      transcription: refuse,
    };
    expect([missing, wrong]).toHaveLength(2);
  });

  it('recoverStaleJobs runs every kind; one failing does not stop the others', async () => {
    const ran: string[] = [];
    const recoverer = (kind: string, n: number) => () => {
      ran.push(kind);
      return kind === 'sprite' ? Promise.reject(new Error('sprite sweep broke')) : Promise.resolve(n);
    };
    const recovery = createStaleJobRecovery({
      transcode: recoverer('transcode', 2),
      sprite: recoverer('sprite', 1),
      reencode: recoverer('reencode', 3),
      transcription: recoverer('transcription', 4),
    });
    await expect(recovery.recoverStaleJobs()).rejects.toThrow('sprite sweep broke');
    expect(ran).toEqual(['transcode', 'sprite', 'reencode', 'transcription']);
    const ok = createStaleJobRecovery({
      transcode: () => Promise.resolve(2),
      sprite: () => Promise.resolve(0),
      reencode: () => Promise.resolve(1),
      transcription: () => Promise.resolve(0),
    });
    expect(await ok.recoverStaleJobs()).toEqual({ transcode: 2, sprite: 0, reencode: 1, transcription: 0 });
    // @ts-expect-error -- every kind needs a recoverer
    const partial: PerJobKind<() => Promise<number>> = { transcode: () => Promise.resolve(0) };
    expect(partial).toBeDefined();
  });
});
