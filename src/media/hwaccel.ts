import { readdir } from 'node:fs/promises';
import {
  encoderArgs,
  hwEncoderName,
  pickSoftwareEncoder,
  type EncoderRates,
  type HwFamily,
  type SoftwareEncoder,
} from './encoders.js';
import type { Rendition, VideoCodec } from './ladder.js';
import { runProcess } from './run-process.js';

/**
 * GPU encoders (pipeline spec §6): detection of NVENC (NVIDIA), VAAPI and QSV (Intel; VAAPI also covers
 * other Mesa GPUs), the command pieces each family needs, and the encoder selection. Every external tool runs
 * through an injectable `exec`, so tests fake nvidia-smi, vainfo and ffmpeg. Settings (VLOG_HWACCEL_TYPE, the
 * render node) are passed in; nothing here reads the environment. No GPU found → software encoders.
 */

/** VLOG_HWACCEL_TYPE: auto = NVIDIA, else Intel. */
export type HwAccelType = 'auto' | 'nvidia' | 'intel' | 'none';

export interface ExecResult {
  /** null when the tool could not run (missing binary, timeout). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
}
export type ExecFn = (
  binary: string,
  args: readonly string[],
  opts: { timeoutMs: number },
) => Promise<ExecResult>;

/** Runs a tool through runProcess; a tool that cannot run reports exitCode null instead of throwing. */
export const defaultExec: ExecFn = async (binary, args, { timeoutMs }) => {
  try {
    const r = await runProcess(binary, args, {
      collectStdout: true,
      timeoutMs,
      label: binary,
      stderrLines: 200,
    });
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderrTail.join('\n') };
  } catch (err) {
    return { exitCode: null, stdout: '', stderr: err instanceof Error ? err.message : String(err) };
  }
};

export interface HwAccelerator {
  family: HwFamily;
  vendor: 'nvidia' | 'intel' | 'other';
  name: string;
  driver: string | null;
  /** From plain `nvidia-smi` (NVENC only). */
  cudaVersion: string | null;
  /** DRM render node (VAAPI, QSV); null for NVENC. */
  device: string | null;
  /** Codecs whose encoder passed the smoke test (h264, hevc, av1 order). */
  codecs: VideoCodec[];
  /** Concurrent encode sessions the GPU allows. */
  maxSessions: number;
}

export interface HardwareDetection {
  /** Usable GPU encoder families, preferred first; empty = software only. */
  accelerators: HwAccelerator[];
  /** Every encoder `ffmpeg -encoders` lists (also picks the software AV1 encoder). */
  ffmpegEncoders: string[];
}

export interface DetectHardwareOptions {
  type: HwAccelType;
  exec?: ExecFn;
  /** Directory listing used to find /dev/dri/renderD* (default fs.readdir). */
  listDir?: (dir: string) => Promise<string[]>;
  ffmpegBinary?: string;
  /** Render node to use instead of the first one found. */
  vaapiDevice?: string;
}

export const DEFAULT_RENDER_NODE = '/dev/dri/renderD128';
const SMOKE_TIMEOUT_MS = 15_000;
const TOOL_TIMEOUT_MS = 10_000;
const CODEC_ORDER: readonly VideoCodec[] = ['h264', 'hevc', 'av1'];

/** NVENC session limits by GPU name substring (first match wins); unknown GPUs get 3. */
export const NVIDIA_SESSION_LIMITS: readonly (readonly [string, number])[] = [
  ...['RTX 4090', 'RTX 4080', 'RTX 4070'].map((n) => [n, 5] as const),
  ...['RTX 3090', 'RTX 3080', 'RTX 3070', 'RTX 3060', 'RTX 2080', 'RTX 2070', 'RTX 2060'].map(
    (n) => [n, 3] as const,
  ),
  ...['GTX 1080', 'GTX 1070', 'GTX 1060'].map((n) => [n, 2] as const),
  // Data-centre GPUs have no session cap.
  ...['A100', 'A10', 'A30', 'A40', 'T4', 'L40', 'L4', 'H100'].map((n) => [n, 999] as const),
];
export const SESSION_LIMITS: Readonly<Record<'nvenc-unknown' | 'vaapi' | 'qsv', number>> = Object.freeze({
  'nvenc-unknown': 3,
  vaapi: 10,
  qsv: 10,
});

export function nvidiaSessionLimit(gpuName: string): number {
  return NVIDIA_SESSION_LIMITS.find(([n]) => gpuName.includes(n))?.[1] ?? SESSION_LIMITS['nvenc-unknown'];
}

/** Encoder names from `ffmpeg -hide_banner -encoders` (lines like " V....D libx264  …"). */
export function parseEncoderList(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^ [VAS][A-Z.]{5} (\S+)/.exec(line);
    if (m?.[1] && m[1] !== '=') names.push(m[1]);
  }
  return names;
}

/** Global/input options that give ffmpeg the family's device. */
export function hwInputArgs(family: HwFamily, device: string | null = null): string[] {
  const node = device ?? DEFAULT_RENDER_NODE;
  if (family === 'nvenc') return ['-hwaccel', 'cuda'];
  if (family === 'vaapi') return ['-vaapi_device', node];
  return ['-init_hw_device', `qsv=qs:hw_any,child_device=${node}`, '-filter_hw_device', 'qs'];
}

/** Upload to the GPU (VAAPI/QSV); NVENC takes system-memory frames and uploads them itself. */
function uploadFilter(family: HwFamily): string | null {
  if (family === 'vaapi') return 'format=nv12,hwupload';
  if (family === 'qsv') return 'format=nv12,hwupload=extra_hw_frames=64';
  return null;
}

function scaleFilter(family: HwFamily, width: number, height: number): string {
  if (family === 'vaapi') return `scale_vaapi=${width}:${height}`;
  if (family === 'qsv') return `scale_qsv=${width}:${height}`;
  return `scale=${width}:${height}`;
}

/** The filter of one single-output encode, e.g. VAAPI `format=nv12,hwupload,scale_vaapi=1280:720`. */
export function hwScaleFilter(family: HwFamily, width: number, height: number): string {
  return [uploadFilter(family), scaleFilter(family, width, height)].filter((f) => f !== null).join(',');
}

/**
 * The ladder's filter graph on a GPU: decode once, upload once, split, scale each rendition on the GPU.
 * Outputs are labelled [v0], [v1], … like the software graph in ffmpeg-args.ts.
 */
export function hwLadderFilter(
  family: HwFamily,
  renditions: readonly Pick<Rendition, 'width' | 'height'>[],
): string {
  const splits = renditions.map((_, i) => `[s${i}]`).join('');
  const head = [uploadFilter(family), `split=${renditions.length}${splits}`].filter((f) => f !== null);
  const scales = renditions.map((r, i) => `[s${i}]${scaleFilter(family, r.width, r.height)},setsar=1[v${i}]`);
  return [`[0:v:0]${head.join(',')}`, ...scales].join(';');
}

export interface HwLadderParts {
  /** Before `-i`. */
  inputArgs: string[];
  /** The `-filter_complex` value. */
  filterComplex: string;
  /** Per rendition, the video encoder arguments (after its `-map`s). */
  videoArgs: string[][];
}

/** Everything a ladder command changes for a GPU family; the muxer and audio parts stay the same. */
export function hwLadderParts(opts: {
  family: HwFamily;
  device: string | null;
  codec: VideoCodec;
  renditions: readonly (Pick<Rendition, 'width' | 'height'> & EncoderRates)[];
  segmentDuration: number;
  frameRate: number;
}): HwLadderParts {
  const { family, codec, segmentDuration, frameRate } = opts;
  return {
    inputArgs: hwInputArgs(family, opts.device),
    filterComplex: hwLadderFilter(family, opts.renditions),
    videoArgs: opts.renditions.map((rendition) =>
      encoderArgs({ codec, rendition, segmentDuration, frameRate, hw: { family } }),
    ),
  };
}

/** Spec §6 smoke test: encode 0.1 s of black through the family's real path. */
export function smokeTestArgs(family: HwFamily, encoder: string, device: string | null = null): string[] {
  const upload = uploadFilter(family);
  // prettier-ignore
  return [
    '-hide_banner', '-y',
    ...hwInputArgs(family, device),
    '-f', 'lavfi', '-i', 'color=black:s=256x256:d=0.1',
    ...(upload ? ['-vf', upload] : []),
    '-c:v', encoder,
    '-f', 'null', '-',
  ];
}

interface DetectContext {
  exec: ExecFn;
  ffmpeg: string;
  encoders: readonly string[];
}

/** The family's codecs that this ffmpeg lists and that pass the smoke test. */
async function workingCodecs(
  ctx: DetectContext,
  family: HwFamily,
  device: string | null,
): Promise<VideoCodec[]> {
  const listed = CODEC_ORDER.filter((c) => ctx.encoders.includes(hwEncoderName(family, c)));
  const results: VideoCodec[] = [];
  // One at a time: parallel smoke tests on one GPU can trip its session limit.
  for (const codec of listed) {
    const args = smokeTestArgs(family, hwEncoderName(family, codec), device);
    const r = await ctx.exec(ctx.ffmpeg, args, { timeoutMs: SMOKE_TIMEOUT_MS });
    if (r.exitCode === 0) results.push(codec);
  }
  return results;
}

async function detectNvidia(ctx: DetectContext): Promise<HwAccelerator | null> {
  const query = ['--query-gpu=name,driver_version', '--format=csv,noheader'];
  const smi = await ctx.exec('nvidia-smi', query, { timeoutMs: TOOL_TIMEOUT_MS });
  const first = smi.exitCode === 0 ? smi.stdout.split(/\r?\n/).find((l) => l.trim() !== '') : undefined;
  if (!first) return null;
  const [name = '', driver = ''] = first.split(',').map((s) => s.trim());
  const plain = await ctx.exec('nvidia-smi', [], { timeoutMs: TOOL_TIMEOUT_MS });
  const cuda = /CUDA Version:\s*([\d.]+)/.exec(plain.stdout)?.[1] ?? null;
  const codecs = await workingCodecs(ctx, 'nvenc', null);
  if (codecs.length === 0) return null; // a GPU with no working encoder counts as no GPU
  return {
    family: 'nvenc',
    vendor: 'nvidia',
    name,
    driver: driver || null,
    cudaVersion: cuda,
    device: null,
    codecs,
    maxSessions: nvidiaSessionLimit(name),
  };
}

/** First /dev/dri/renderD* in numeric order, or null. */
async function findRenderNode(listDir: (dir: string) => Promise<string[]>): Promise<string | null> {
  const entries = await listDir('/dev/dri').catch(() => [] as string[]);
  const nodes = entries
    .map((e) => /^renderD(\d+)$/.exec(e))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  return nodes[0] ? `/dev/dri/${nodes[0][0]}` : null;
}

interface VaInfo {
  vendor: HwAccelerator['vendor'] | null;
  name: string;
  driver: string | null;
}

/** vainfo on the device (fallback: plain vainfo) → driver and a display name. */
async function readVaInfo(ctx: DetectContext, device: string): Promise<VaInfo> {
  let r = await ctx.exec('vainfo', ['--display', 'drm', '--device', device], { timeoutMs: TOOL_TIMEOUT_MS });
  if (r.exitCode !== 0) r = await ctx.exec('vainfo', [], { timeoutMs: TOOL_TIMEOUT_MS });
  if (r.exitCode !== 0) return { vendor: null, name: 'VAAPI device', driver: null };
  const text = `${r.stdout}\n${r.stderr}`;
  const driver = /Driver version:\s*(.+)/.exec(text)?.[1]?.trim() ?? null;
  if (/Arc|DG2|Battlemage/i.test(text)) return { vendor: 'intel', name: 'Intel Arc GPU', driver };
  if (/Intel|iHD|i965/i.test(text)) return { vendor: 'intel', name: 'Intel QuickSync', driver };
  return { vendor: 'other', name: driver ?? 'VAAPI device', driver };
}

async function detectIntel(ctx: DetectContext, opts: DetectHardwareOptions): Promise<HwAccelerator[]> {
  const device = opts.vaapiDevice ?? (await findRenderNode(opts.listDir ?? ((d) => readdir(d))));
  if (!device) return [];
  const info = await readVaInfo(ctx, device);
  const vendor = info.vendor ?? 'other';
  const base = { vendor, name: info.name, driver: info.driver, cudaVersion: null, device };
  const found: HwAccelerator[] = [];
  const vaapi = await workingCodecs(ctx, 'vaapi', device);
  if (vaapi.length > 0)
    found.push({ ...base, family: 'vaapi', codecs: vaapi, maxSessions: SESSION_LIMITS.vaapi });
  // QSV is Intel only; try it when vainfo says Intel or could not say.
  if (info.vendor !== 'other') {
    const qsv = await workingCodecs(ctx, 'qsv', device);
    if (qsv.length > 0) found.push({ ...base, family: 'qsv', codecs: qsv, maxSessions: SESSION_LIMITS.qsv });
  }
  return found;
}

export async function listFfmpegEncoders(exec: ExecFn = defaultExec, ffmpeg = 'ffmpeg'): Promise<string[]> {
  const r = await exec(ffmpeg, ['-hide_banner', '-encoders'], { timeoutMs: TOOL_TIMEOUT_MS });
  return r.exitCode === 0 ? parseEncoderList(r.stdout) : [];
}

/** Spec §6 detection. `auto` tries NVIDIA, then Intel; `none` skips the GPU probes. */
export async function detectHardware(opts: DetectHardwareOptions): Promise<HardwareDetection> {
  const exec = opts.exec ?? defaultExec;
  const ffmpeg = opts.ffmpegBinary ?? 'ffmpeg';
  const ffmpegEncoders = await listFfmpegEncoders(exec, ffmpeg);
  if (opts.type === 'none') return { accelerators: [], ffmpegEncoders };
  const ctx: DetectContext = { exec, ffmpeg, encoders: ffmpegEncoders };
  if (opts.type !== 'intel') {
    const nvidia = await detectNvidia(ctx);
    if (nvidia) return { accelerators: [nvidia], ffmpegEncoders };
    if (opts.type === 'nvidia') return { accelerators: [], ffmpegEncoders };
  }
  return { accelerators: await detectIntel(ctx, opts), ffmpegEncoders };
}

export type EncoderSelection =
  | { kind: 'software'; codec: VideoCodec; encoder: SoftwareEncoder }
  | {
      kind: 'hardware';
      codec: VideoCodec;
      encoder: string;
      family: HwFamily;
      device: string | null;
      maxSessions: number;
    };

export interface SelectEncoderOptions {
  /** The configured codec. */
  codec: VideoCodec;
  detection: HardwareDetection;
  /**
   * When no GPU can encode `codec`: 'software' (default) keeps the configured codec on the CPU, since the
   * codec configured is the codec produced; 'gpu-h264' is the reference behaviour (hardware H.264 instead).
   * Either way the result's `codec` is what will be produced: plan the ladder with it.
   */
  whenGpuLacksCodec?: 'software' | 'gpu-h264';
}

function onGpu(acc: HwAccelerator, codec: VideoCodec): EncoderSelection {
  return {
    kind: 'hardware',
    codec,
    encoder: hwEncoderName(acc.family, codec),
    family: acc.family,
    device: acc.device,
    maxSessions: acc.maxSessions,
  };
}

/** The codec on a GPU, else (gpu-h264 only) H.264 on a GPU, else the codec in software. */
export function selectEncoder(opts: SelectEncoderOptions): EncoderSelection {
  const { codec, detection } = opts;
  const withCodec = detection.accelerators.find((a) => a.codecs.includes(codec));
  if (withCodec) return onGpu(withCodec, codec);
  if (opts.whenGpuLacksCodec === 'gpu-h264') {
    const withH264 = detection.accelerators.find((a) => a.codecs.includes('h264'));
    if (withH264) return onGpu(withH264, 'h264');
  }
  const known = detection.ffmpegEncoders.length > 0 ? detection.ffmpegEncoders : null;
  return { kind: 'software', codec, encoder: pickSoftwareEncoder(codec, known) };
}
