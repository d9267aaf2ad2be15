import { describe, expect, it } from 'vitest';
import {
  detectHardware,
  hwInputArgs,
  hwLadderFilter,
  hwLadderParts,
  hwScaleFilter,
  nvidiaSessionLimit,
  parseEncoderList,
  selectEncoder,
  smokeTestArgs,
  type ExecFn,
  type ExecResult,
  type HardwareDetection,
  type HwAccelerator,
} from './hwaccel.js';
import { MediaError } from './media-error.js';

const ENCODERS_OUTPUT = `Encoders:
 V..... = Video
 A..... = Audio
 S..... = Subtitle
 .F.... = Frame-level multithreading
 ------
 V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)
 V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)
 V..... h264_qsv             H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (Intel Quick Sync Video acceleration) (codec h264)
 V....D h264_vaapi           H.264/AVC (VAAPI) (codec h264)
 V....D libx265              libx265 H.265 / HEVC (codec hevc)
 V....D hevc_nvenc           NVIDIA NVENC hevc encoder (codec hevc)
 V..... hevc_qsv             HEVC (Intel Quick Sync Video acceleration) (codec hevc)
 V....D hevc_vaapi           H.265/HEVC (VAAPI) (codec hevc)
 V....D av1_nvenc            NVIDIA NVENC av1 encoder (codec av1)
 V..... libsvtav1            SVT-AV1(Scalable Video Technology for AV1) encoder (codec av1)
 A....D aac                  AAC (Advanced Audio Coding)
`;

const NVIDIA_SMI = `+-----------------------------------------------------------------------------+
| NVIDIA-SMI 535.104.05   Driver Version: 535.104.05   CUDA Version: 12.2     |
|-------------------------------+----------------------+----------------------+`;

const VAINFO_INTEL = `libva info: VA-API version 1.17.0
vainfo: VA-API version: 1.17 (libva 2.12.0)
vainfo: Driver version: Intel iHD driver for Intel(R) Gen Graphics - 23.1.1 ()
vainfo: Supported profile and entrypoints
      VAProfileH264Main               :	VAEntrypointEncSlice`;

const ok = (stdout = ''): ExecResult => ({ exitCode: 0, stdout, stderr: '' });
const fail: ExecResult = { exitCode: 1, stdout: '', stderr: 'error' };
const missing: ExecResult = { exitCode: null, stdout: '', stderr: 'could not be started: ENOENT' };

/** A fake exec: the first rule whose pattern matches "binary args…" answers; unmatched commands fail. */
function fakeExec(rules: [RegExp, ExecResult][]): ExecFn & { calls: string[] } {
  const calls: string[] = [];
  const exec = async (binary: string, args: readonly string[]): Promise<ExecResult> => {
    const line = [binary, ...args].join(' ');
    calls.push(line);
    return rules.find(([re]) => re.test(line))?.[1] ?? missing;
  };
  return Object.assign(exec, { calls });
}

const listDir = (entries: string[]) => async (): Promise<string[]> => entries;

describe('parseEncoderList', () => {
  it('reads the names and skips the legend', () => {
    expect(parseEncoderList(ENCODERS_OUTPUT)).toEqual([
      'libx264',
      'h264_nvenc',
      'h264_qsv',
      'h264_vaapi',
      'libx265',
      'hevc_nvenc',
      'hevc_qsv',
      'hevc_vaapi',
      'av1_nvenc',
      'libsvtav1',
      'aac',
    ]);
  });
});

describe('detectHardware', () => {
  it('finds an NVIDIA GPU: name, driver, CUDA, the encoders that pass the smoke test, its session limit', async () => {
    const exec = fakeExec([
      [/^ffmpeg -hide_banner -encoders$/, ok(ENCODERS_OUTPUT)],
      [/^nvidia-smi --query-gpu/, ok('NVIDIA GeForce RTX 3080, 535.104.05\n')],
      [/^nvidia-smi$/, ok(NVIDIA_SMI)],
      [/-c:v (h264|hevc)_nvenc/, ok()],
      [/-c:v av1_nvenc/, fail], // listed by ffmpeg, but this GPU generation has no AV1 encoder
    ]);
    const found = await detectHardware({ type: 'auto', exec });
    expect(found.accelerators).toEqual([
      {
        family: 'nvenc',
        vendor: 'nvidia',
        name: 'NVIDIA GeForce RTX 3080',
        driver: '535.104.05',
        cudaVersion: '12.2',
        device: null,
        codecs: ['h264', 'hevc'],
        maxSessions: 3,
      },
    ]);
    expect(found.ffmpegEncoders).toContain('libsvtav1');
    expect(exec.calls).toContain(
      'ffmpeg -hide_banner -y -hwaccel cuda -f lavfi -i color=black:s=256x256:d=0.1 -c:v h264_nvenc -f null -',
    );
    // auto stops at the first vendor found
    expect(exec.calls.some((c) => c.startsWith('vainfo'))).toBe(false);
  });

  it('finds Intel VAAPI and QSV on the first render node when there is no NVIDIA GPU', async () => {
    const exec = fakeExec([
      [/^ffmpeg -hide_banner -encoders$/, ok(ENCODERS_OUTPUT)],
      [/^vainfo --display drm --device \/dev\/dri\/renderD128$/, ok(VAINFO_INTEL)],
      [/-vaapi_device \/dev\/dri\/renderD128 .* -c:v (h264|hevc)_vaapi/, ok()],
      [/-c:v h264_qsv/, ok()],
      [/-c:v hevc_qsv/, fail],
    ]);
    const found = await detectHardware({
      type: 'auto',
      exec,
      listDir: listDir(['card0', 'renderD129', 'renderD128', 'by-path']),
    });
    const common = {
      vendor: 'intel',
      name: 'Intel QuickSync',
      driver: 'Intel iHD driver for Intel(R) Gen Graphics - 23.1.1 ()',
      cudaVersion: null,
      device: '/dev/dri/renderD128',
    };
    expect(found.accelerators).toEqual([
      { ...common, family: 'vaapi', codecs: ['h264', 'hevc'], maxSessions: 10 },
      { ...common, family: 'qsv', codecs: ['h264'], maxSessions: 10 },
    ]);
    expect(exec.calls).toContain(
      'ffmpeg -hide_banner -y -vaapi_device /dev/dri/renderD128 -f lavfi -i color=black:s=256x256:d=0.1 ' +
        '-vf format=nv12,hwupload -c:v hevc_vaapi -f null -',
    );
    expect(exec.calls).toContain(
      'ffmpeg -hide_banner -y -init_hw_device qsv=qs:hw_any,child_device=/dev/dri/renderD128 -filter_hw_device qs ' +
        '-f lavfi -i color=black:s=256x256:d=0.1 -vf format=nv12,hwupload=extra_hw_frames=64 -c:v h264_qsv -f null -',
    );
  });

  it('names an Arc GPU, and falls back to plain vainfo', async () => {
    const exec = fakeExec([
      [/^ffmpeg -hide_banner -encoders$/, ok(ENCODERS_OUTPUT)],
      [/^vainfo --display/, fail],
      [/^vainfo$/, ok('vainfo: Driver version: Intel iHD driver for Intel(R) Gen Graphics - 23.1.1 (DG2)')],
      [/-c:v h264_vaapi/, ok()],
    ]);
    const found = await detectHardware({ type: 'intel', exec, vaapiDevice: '/dev/dri/renderD130' });
    expect(found.accelerators.map((a) => [a.family, a.name, a.device, a.codecs])).toEqual([
      ['vaapi', 'Intel Arc GPU', '/dev/dri/renderD130', ['h264']],
    ]);
    expect(exec.calls.some((c) => c.startsWith('nvidia-smi'))).toBe(false); // intel skips NVIDIA
  });

  it('does not try QSV on a non-Intel VAAPI GPU', async () => {
    const exec = fakeExec([
      [/^ffmpeg -hide_banner -encoders$/, ok(ENCODERS_OUTPUT)],
      [/^vainfo/, ok('vainfo: Driver version: Mesa Gallium driver 23.0.4 for AMD Radeon RX 6600')],
      [/-c:v (h264|hevc)_vaapi/, ok()],
      [/_qsv/, ok()],
    ]);
    const found = await detectHardware({ type: 'auto', exec, listDir: listDir(['renderD128']) });
    expect(found.accelerators).toHaveLength(1);
    expect(found.accelerators[0]).toMatchObject({
      family: 'vaapi',
      vendor: 'other',
      codecs: ['h264', 'hevc'],
    });
    expect(exec.calls.some((c) => c.includes('_qsv'))).toBe(false);
  });

  it('counts a GPU whose encoders all fail as no GPU', async () => {
    const exec = fakeExec([
      [/^ffmpeg -hide_banner -encoders$/, ok(ENCODERS_OUTPUT)],
      [/^nvidia-smi --query-gpu/, ok('Tesla T4, 470.1\n')],
      [/^nvidia-smi$/, ok(NVIDIA_SMI)],
      [/_nvenc/, fail],
    ]);
    expect(
      (await detectHardware({ type: 'nvidia', exec, listDir: listDir(['renderD128']) })).accelerators,
    ).toEqual([]);
    expect(exec.calls.some((c) => c.startsWith('vainfo'))).toBe(false); // nvidia only
  });

  it('runs no GPU probe for "none", and finds nothing on a machine without GPUs', async () => {
    const exec = fakeExec([[/^ffmpeg -hide_banner -encoders$/, ok(ENCODERS_OUTPUT)]]);
    expect(await detectHardware({ type: 'none', exec })).toMatchObject({ accelerators: [] });
    expect(exec.calls).toEqual(['ffmpeg -hide_banner -encoders']);
    const bare = await detectHardware({
      type: 'auto',
      exec,
      listDir: async () => Promise.reject(new Error('ENOENT')),
    });
    expect(bare.accelerators).toEqual([]);
  });
});

describe('nvidiaSessionLimit', () => {
  it.each([
    ['NVIDIA GeForce RTX 4090', 5],
    ['NVIDIA GeForce RTX 3060 Ti', 3],
    ['NVIDIA GeForce RTX 2070 SUPER', 3],
    ['NVIDIA GeForce GTX 1060 6GB', 2],
    ['NVIDIA A100-SXM4-40GB', 999],
    ['NVIDIA L4', 999],
    ['Quadro P2000', 3],
  ])('%s → %i', (name, limit) => {
    expect(nvidiaSessionLimit(name)).toBe(limit);
  });
});

describe('hardware command pieces', () => {
  it('input args per family', () => {
    expect(hwInputArgs('nvenc')).toEqual(['-hwaccel', 'cuda']);
    expect(hwInputArgs('vaapi', '/dev/dri/renderD129')).toEqual(['-vaapi_device', '/dev/dri/renderD129']);
    expect(hwInputArgs('vaapi')).toEqual(['-vaapi_device', '/dev/dri/renderD128']);
    expect(hwInputArgs('qsv', '/dev/dri/renderD128')).toEqual([
      '-init_hw_device',
      'qsv=qs:hw_any,child_device=/dev/dri/renderD128',
      '-filter_hw_device',
      'qs',
    ]);
  });

  it('single-output filters per family', () => {
    expect(hwScaleFilter('nvenc', 1280, 720)).toBe('scale=1280:720');
    expect(hwScaleFilter('vaapi', 1280, 720)).toBe('format=nv12,hwupload,scale_vaapi=1280:720');
    expect(hwScaleFilter('qsv', 1280, 720)).toBe(
      'format=nv12,hwupload=extra_hw_frames=64,scale_qsv=1280:720',
    );
  });

  it('ladder filters: one decode, one upload, split, GPU scaling', () => {
    const sizes = [
      { width: 1920, height: 1080 },
      { width: 1280, height: 720 },
    ];
    expect(hwLadderFilter('nvenc', sizes)).toBe(
      '[0:v:0]split=2[s0][s1];[s0]scale=1920:1080,setsar=1[v0];[s1]scale=1280:720,setsar=1[v1]',
    );
    expect(hwLadderFilter('vaapi', sizes)).toBe(
      '[0:v:0]format=nv12,hwupload,split=2[s0][s1];' +
        '[s0]scale_vaapi=1920:1080,setsar=1[v0];[s1]scale_vaapi=1280:720,setsar=1[v1]',
    );
    expect(hwLadderFilter('qsv', sizes)).toBe(
      '[0:v:0]format=nv12,hwupload=extra_hw_frames=64,split=2[s0][s1];' +
        '[s0]scale_qsv=1920:1080,setsar=1[v0];[s1]scale_qsv=1280:720,setsar=1[v1]',
    );
  });

  it('assembles the per-family ladder parts', () => {
    const parts = hwLadderParts({
      family: 'vaapi',
      device: '/dev/dri/renderD128',
      codec: 'hevc',
      renditions: [
        { width: 1280, height: 720, videoBitrateKbps: 2500, maxrateKbps: 2500, bufsizeKbps: 5000 },
      ],
      segmentDuration: 6,
      frameRate: 25,
    });
    expect(parts).toEqual({
      inputArgs: ['-vaapi_device', '/dev/dri/renderD128'],
      filterComplex: '[0:v:0]format=nv12,hwupload,split=1[s0];[s0]scale_vaapi=1280:720,setsar=1[v0]',
      videoArgs: [
        // prettier-ignore
        [
          '-c:v', 'hevc_vaapi', '-rc_mode', 'VBR', '-b:v', '2500k', '-maxrate', '2500k', '-bufsize', '5000k',
          '-g', '300', '-force_key_frames', 'expr:gte(t,n_forced*6)', '-profile:v', 'main', '-tag:v', 'hvc1',
        ],
      ],
    });
  });

  it('smoke test without upload for NVENC', () => {
    expect(smokeTestArgs('nvenc', 'av1_nvenc')).toEqual([
      ...['-hide_banner', '-y', '-hwaccel', 'cuda', '-f', 'lavfi', '-i', 'color=black:s=256x256:d=0.1'],
      ...['-c:v', 'av1_nvenc', '-f', 'null', '-'],
    ]);
  });
});

describe('selectEncoder', () => {
  const gpu = (family: HwAccelerator['family'], codecs: HwAccelerator['codecs']): HwAccelerator => ({
    family,
    vendor: family === 'nvenc' ? 'nvidia' : 'intel',
    name: 'gpu',
    driver: null,
    cudaVersion: null,
    device: family === 'nvenc' ? null : '/dev/dri/renderD128',
    codecs,
    maxSessions: family === 'nvenc' ? 3 : 10,
  });
  const detection = (accelerators: HwAccelerator[], ffmpegEncoders = ['libx264', 'libx265', 'libsvtav1']) =>
    ({ accelerators, ffmpegEncoders }) satisfies HardwareDetection;

  it('1. the requested codec on the GPU, first family that has it', () => {
    expect(
      selectEncoder({
        codec: 'hevc',
        detection: detection([gpu('vaapi', ['h264']), gpu('qsv', ['h264', 'hevc'])]),
      }),
    ).toEqual({
      kind: 'hardware',
      codec: 'hevc',
      encoder: 'hevc_qsv',
      family: 'qsv',
      device: '/dev/dri/renderD128',
      maxSessions: 10,
    });
  });

  it('2. a GPU without the codec: the codec in software by default, GPU H.264 when asked (reference order)', () => {
    const nv = detection([gpu('nvenc', ['h264', 'hevc'])]);
    expect(selectEncoder({ codec: 'av1', detection: nv })).toEqual({
      kind: 'software',
      codec: 'av1',
      encoder: 'libsvtav1',
    });
    expect(selectEncoder({ codec: 'av1', detection: nv, whenGpuLacksCodec: 'gpu-h264' })).toMatchObject({
      kind: 'hardware',
      codec: 'h264',
      encoder: 'h264_nvenc',
    });
  });

  it('3. software when nothing was detected, with the AV1 fallback encoder', () => {
    expect(selectEncoder({ codec: 'h264', detection: detection([]) })).toEqual({
      kind: 'software',
      codec: 'h264',
      encoder: 'libx264',
    });
    expect(
      selectEncoder({ codec: 'av1', detection: detection([], ['libx264', 'libaom-av1']) }),
    ).toMatchObject({
      encoder: 'libaom-av1',
    });
    expect(selectEncoder({ codec: 'av1', detection: detection([], []) })).toMatchObject({
      encoder: 'libsvtav1',
    });
    expect(() => selectEncoder({ codec: 'av1', detection: detection([], ['libx264']) })).toThrow(MediaError);
  });
});
