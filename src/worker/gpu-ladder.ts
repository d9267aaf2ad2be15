import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { renditionLayout } from '../media/hls-layout.js';
import {
  transcodeLadder,
  type RenditionResult,
  type TranscodeLadderOptions,
} from '../media/transcode-ladder.js';
import { gpuFailureOutcome, type HwEncoding } from './hw-encoding.js';

/**
 * The ladder on the worker's GPU when it has one for the job's codec, else on the CPU; a GPU ladder that
 * fails before this run published a segment is logged and run again on the CPU (gpuFailureOutcome).
 */
export async function transcodeOnBestEncoder(
  hardware: HwEncoding | undefined,
  opts: TranscodeLadderOptions,
  /** Segments published so far (the checkpoint's included): compared before and after the GPU attempt. */
  publishedSegments: () => number,
): Promise<RenditionResult[]> {
  const hw = hardware ? await hardware.ladderHardware(opts.plan.codec) : null;
  if (!hardware || !hw) return transcodeLadder(opts);
  const before = publishedSegments();
  try {
    return await transcodeLadder({ ...opts, hw });
  } catch (err) {
    const outcome = gpuFailureOutcome({
      aborted: opts.signal?.aborted ?? false,
      publishedThisRun: publishedSegments() - before,
      fallbackToCpu: hardware.fallbackToCpu,
    });
    if (outcome === 'fail') throw err;
    hardware.recordFailure(hw.family);
    const reason = err instanceof Error ? err.message : String(err);
    hardware.log(`GPU encode (${hw.family}) failed, running the ladder on the CPU: ${reason.slice(0, 300)}`);
    await removeLadderOutput(opts);
    return transcodeLadder(opts);
  }
}

/** What the failed attempt wrote (playlists, init files, segments): the CPU encode must not find any. */
async function removeLadderOutput(opts: TranscodeLadderOptions): Promise<void> {
  await Promise.all(
    opts.plan.renditions.map(async (r) => {
      const layout = renditionLayout(opts.plan.format, r.name);
      const dir = path.join(opts.outputDir, layout.segmentDir);
      const names = await readdir(dir).catch(() => [] as string[]);
      const own = names.filter((n) => {
        const base = n.replace(/\.tmp$/, ''); // a segment ffmpeg was writing (hls temp_file)
        return layout.segmentFile.test(base) || base === layout.initFile;
      });
      const files = [...own.map((n) => path.join(dir, n)), path.join(opts.outputDir, layout.playlist)];
      await Promise.all(files.map((f) => rm(f, { force: true })));
    }),
  );
}
