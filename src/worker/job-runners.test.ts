import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ReencodeJob } from '../contracts/reencode-job.js';
import type { SpriteJob } from '../contracts/sprite-job.js';
import type { TranscriptionJob } from '../contracts/transcription-job.js';
import { JOB_KIND_WIRE, type WireJobKind } from '../contracts/worker-api/job-kinds.contract.js';
import {
  disabledRunner,
  JOB_KIND_PRIORITY,
  type JobKind,
  type JobRunner,
  type JobRunners,
} from './job-runners.js';
import type { ClaimedWork } from './worker-protocol.js';

const transcode = disabledRunner<ClaimedWork>('transcode');
const reencode = disabledRunner<ReencodeJob>('reencode');
const sprite = disabledRunner<SpriteJob>('sprite');
const transcription = disabledRunner<TranscriptionJob>('transcription');

describe('the job kind registry', () => {
  it('a registry without a runner for every kind, or with another kind’s runner, does not compile', () => {
    const complete: JobRunners = { transcode, reencode, sprite, transcription };
    // @ts-expect-error the sprite kind has no runner
    const missing: JobRunners = { transcode, reencode, transcription };
    // @ts-expect-error a sprite runner cannot run re-encode jobs
    const swapped: JobRunners = { transcode, reencode: sprite, sprite, transcription };
    expect(Object.keys(complete).sort()).toEqual(['reencode', 'sprite', 'transcode', 'transcription']);
    expect(Object.keys(missing)).not.toContain('sprite');
    expect(swapped.reencode).toBe(sprite);
  });

  it('the worker runs exactly the kinds the worker API serves, each looked for once', () => {
    expectTypeOf<JobKind>().toEqualTypeOf<WireJobKind>();
    expect([...JOB_KIND_PRIORITY].sort()).toEqual(Object.keys(JOB_KIND_WIRE).sort());
    expect(new Set(JOB_KIND_PRIORITY).size).toBe(JOB_KIND_PRIORITY.length);
  });

  it('each kind’s runner takes that kind’s work', () => {
    expectTypeOf<JobRunners['sprite']>().toEqualTypeOf<JobRunner<SpriteJob>>();
    expectTypeOf<JobRunners['transcode']>().toEqualTypeOf<JobRunner<ClaimedWork>>();
  });
});
