import type { Config } from '../config/load-config.js';
import type { HwFamily } from '../media/encoders.js';
import {
  defaultExec,
  detectHardware,
  selectEncoder,
  type ExecFn,
  type HardwareDetection,
  type HwAccelerator,
  type HwAccelType,
} from '../media/hwaccel.js';
import type { VideoCodec } from '../media/ladder.js';

/**
 * A worker's GPU, detected once per process (VLOG_HWACCEL_TYPE → media/hwaccel.ts detectHardware), the
 * ladder's encoder choice for a job, the families that keep failing (unusable after `maxFailures` GPU
 * encodes that failed and fell back), and the capabilities heartbeats report. Probes run through `exec`,
 * so a test injects what ffmpeg and nvidia-smi answer.
 */
export interface HwEncodingOptions {
  type: HwAccelType;
  /** VLOG_HWACCEL_FALLBACK_TO_CPU: a failed GPU ladder runs again on the CPU. */
  fallbackToCpu: boolean;
  /** VLOG_HWACCEL_VAAPI_DEVICE; empty = the first render node. */
  vaapiDevice?: string;
  exec?: ExecFn;
  listDir?: (dir: string) => Promise<string[]>;
  /** GPU encode failures after which a family is not used again by this process (default 3). */
  maxFailures?: number;
  log?: (message: string) => void;
}

/** The `hw` of a ladder command. */
export interface LadderHardware {
  family: HwFamily;
  device: string | null;
}

/** WorkerCapabilities (api-worker.md §4.1). */
export interface WorkerCapabilitiesReport {
  hwaccel_enabled: boolean;
  hwaccel_type: string;
  gpu_name?: string;
  supported_codecs: VideoCodec[];
  encoders: Partial<Record<VideoCodec, string[]>>;
  max_concurrent_encode_sessions: number;
  driver_version?: string;
  cuda_version?: string;
  vaapi_device?: string;
}

const SOFTWARE_ENCODERS: Readonly<Record<VideoCodec, readonly string[]>> = {
  h264: ['libx264'],
  hevc: ['libx265'],
  av1: ['libsvtav1', 'libaom-av1'],
};
const CODECS: readonly VideoCodec[] = ['h264', 'hevc', 'av1'];

function hwaccelType(acc: HwAccelerator): string {
  if (acc.family === 'nvenc') return 'nvidia';
  return acc.vendor === 'intel' ? 'intel' : 'vaapi';
}

/** What a worker with this detection (minus unusable families) can encode. Pure. */
export function capabilitiesOf(detection: HardwareDetection): WorkerCapabilitiesReport {
  const gpu = detection.accelerators[0];
  // An empty list means the probe could not run ffmpeg: claim the usual CPU encoders rather than nothing.
  const listed = (name: string) =>
    detection.ffmpegEncoders.length === 0 || detection.ffmpegEncoders.includes(name);
  const encoders: Partial<Record<VideoCodec, string[]>> = {};
  for (const codec of CODECS) {
    const hw = detection.accelerators
      .filter((a) => a.codecs.includes(codec))
      .map((a) => `${codec}_${a.family}`);
    const names = [...hw, ...SOFTWARE_ENCODERS[codec].filter(listed)];
    if (names.length > 0) encoders[codec] = names;
  }
  return {
    hwaccel_enabled: gpu !== undefined,
    hwaccel_type: gpu ? hwaccelType(gpu) : 'none',
    ...(gpu ? { gpu_name: gpu.name.slice(0, 200) } : {}),
    supported_codecs: CODECS.filter((c) => encoders[c]),
    encoders,
    max_concurrent_encode_sessions: gpu ? Math.min(100, Math.max(1, gpu.maxSessions)) : 1,
    ...(gpu?.driver ? { driver_version: gpu.driver.slice(0, 100) } : {}),
    ...(gpu?.cudaVersion ? { cuda_version: gpu.cudaVersion } : {}),
    ...(gpu?.device ? { vaapi_device: gpu.device } : {}),
  };
}

export type GpuFailureOutcome = 'cpu' | 'fail';

/**
 * After a GPU ladder failed: run it again on the CPU, or let the job fail. Not when the job was stopped
 * (cancelled, lease lost, publisher error: that error is the job's), not once a segment of this run is
 * published (a rendition must not mix encoders), not when the fallback is switched off.
 */
export function gpuFailureOutcome(o: {
  aborted: boolean;
  publishedThisRun: number;
  fallbackToCpu: boolean;
}): GpuFailureOutcome {
  return !o.aborted && o.publishedThisRun === 0 && o.fallbackToCpu ? 'cpu' : 'fail';
}

export function createHwEncoding(opts: HwEncodingOptions) {
  const maxFailures = opts.maxFailures ?? 3;
  const failures = new Map<HwFamily, number>();
  let detecting: Promise<HardwareDetection> | null = null;
  let detected: HardwareDetection | null = null;
  const log = opts.log ?? (() => undefined);

  const usable = (d: HardwareDetection): HardwareDetection => ({
    ...d,
    accelerators: d.accelerators.filter((a) => (failures.get(a.family) ?? 0) < maxFailures),
  });

  /** Probes once (concurrent callers share it); a probe that throws counts as "no GPU". */
  const detect = (): Promise<HardwareDetection> =>
    (detecting ??= detectHardware({
      type: opts.type,
      exec: opts.exec ?? defaultExec,
      listDir: opts.listDir,
      vaapiDevice: opts.vaapiDevice || undefined,
    })
      .catch((err: unknown) => {
        log(`GPU detection failed (${String(err)}): encoding on the CPU`);
        return { accelerators: [], ffmpegEncoders: [] };
      })
      .then((d) => {
        detected = d;
        const gpu = d.accelerators[0];
        if (opts.type !== 'none')
          log(
            gpu
              ? `GPU: ${gpu.name} (${gpu.family}: ${gpu.codecs.join(', ')})`
              : 'no usable GPU: encoding on the CPU',
          );
        return d;
      }));

  return {
    fallbackToCpu: opts.fallbackToCpu,
    log,
    detect,
    /** The GPU to encode `codec` on, or null for the CPU ladder. */
    async ladderHardware(codec: VideoCodec): Promise<LadderHardware | null> {
      const choice = selectEncoder({ codec, detection: usable(await detect()) });
      return choice.kind === 'hardware' ? { family: choice.family, device: choice.device } : null;
    },
    /** A GPU ladder of `family` failed; after maxFailures the family is given up for this process. */
    recordFailure(family: HwFamily): void {
      const n = (failures.get(family) ?? 0) + 1;
      failures.set(family, n);
      if (n === maxFailures) log(`GPU family ${family} failed ${n} times: not used again by this worker`);
    },
    /** What heartbeats report: CPU only until detection ran, and without families given up. */
    capabilities(): WorkerCapabilitiesReport {
      return capabilitiesOf(usable(detected ?? { accelerators: [], ffmpegEncoders: [] }));
    },
  };
}

export type HwEncoding = ReturnType<typeof createHwEncoding>;

/** The worker's hardware settings from its config (VLOG_HWACCEL_*); `extra` injects a probe or a log. */
export function hwEncodingFrom(
  config: Pick<Config, 'hwaccelType' | 'hwaccelFallbackToCpu' | 'hwaccelVaapiDevice'>,
  extra: Omit<HwEncodingOptions, 'type' | 'fallbackToCpu' | 'vaapiDevice'> = {},
): HwEncoding {
  return createHwEncoding({
    type: config.hwaccelType,
    fallbackToCpu: config.hwaccelFallbackToCpu,
    vaapiDevice: config.hwaccelVaapiDevice,
    ...extra,
  });
}
