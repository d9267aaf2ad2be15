import { describe, expect, it } from 'vitest';
import type { ExecFn, ExecResult } from '../media/hwaccel.js';
import { capabilitiesOf, createHwEncoding, gpuFailureOutcome } from './hw-encoding.js';

const ENCODERS = [
  ' V....D libx264              libx264 H.264',
  ' V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)',
  ' V....D h264_vaapi           H.264/AVC (VAAPI) (codec h264)',
  ' V....D libx265              libx265 H.265 / HEVC (codec hevc)',
  ' V....D hevc_nvenc           NVIDIA NVENC hevc encoder (codec hevc)',
  ' V..... libsvtav1            SVT-AV1 (codec av1)',
].join('\n');

const ok = (stdout = ''): ExecResult => ({ exitCode: 0, stdout, stderr: '' });
const missing: ExecResult = { exitCode: null, stdout: '', stderr: 'ENOENT' };

function fakeExec(rules: [RegExp, ExecResult][]): ExecFn & { calls: string[] } {
  const calls: string[] = [];
  const exec: ExecFn = async (binary, args) => {
    const line = [binary, ...args].join(' ');
    calls.push(line);
    return rules.find(([re]) => re.test(line))?.[1] ?? missing;
  };
  return Object.assign(exec, { calls });
}

const listEncoders: [RegExp, ExecResult] = [/^ffmpeg -hide_banner -encoders$/, ok(ENCODERS)];
const nvidiaSmi: [RegExp, ExecResult] = [/^nvidia-smi --query-gpu/, ok('NVIDIA GeForce RTX 3080, 535.1\n')];
const nvidiaPlain: [RegExp, ExecResult] = [/^nvidia-smi$/, ok('| CUDA Version: 12.2 |')];
const noDri = async () => {
  throw new Error('ENOENT');
};

describe('worker GPU detection and capabilities', () => {
  it('VLOG_HWACCEL_TYPE=none lists the encoders and probes no GPU', async () => {
    const exec = fakeExec([listEncoders]);
    const hw = createHwEncoding({ type: 'none', fallbackToCpu: true, exec, listDir: noDri });
    await hw.detect();
    expect(exec.calls).toEqual(['ffmpeg -hide_banner -encoders']);
    expect(await hw.ladderHardware('h264')).toBeNull();
    expect(hw.capabilities()).toEqual({
      hwaccel_enabled: false,
      hwaccel_type: 'none',
      supported_codecs: ['h264', 'hevc', 'av1'],
      encoders: { h264: ['libx264'], hevc: ['libx265'], av1: ['libsvtav1'] },
      max_concurrent_encode_sessions: 1,
    });
  });

  it('nvidia: nvidia-smi, then a smoke encode per listed NVENC encoder, once per process', async () => {
    const exec = fakeExec([listEncoders, nvidiaSmi, nvidiaPlain, [/-c:v (h264|hevc)_nvenc/, ok()]]);
    const hw = createHwEncoding({ type: 'nvidia', fallbackToCpu: true, exec, listDir: noDri });
    await Promise.all([hw.detect(), hw.detect()]);
    expect(exec.calls).toEqual([
      'ffmpeg -hide_banner -encoders',
      'nvidia-smi --query-gpu=name,driver_version --format=csv,noheader',
      'nvidia-smi',
      'ffmpeg -hide_banner -y -hwaccel cuda -f lavfi -i color=black:s=256x256:d=0.1 -c:v h264_nvenc -f null -',
      'ffmpeg -hide_banner -y -hwaccel cuda -f lavfi -i color=black:s=256x256:d=0.1 -c:v hevc_nvenc -f null -',
    ]);
    expect(await hw.ladderHardware('hevc')).toEqual({ family: 'nvenc', device: null });
    // No AV1 on this GPU: the CPU ladder.
    expect(await hw.ladderHardware('av1')).toBeNull();
    expect(hw.capabilities()).toMatchObject({
      hwaccel_enabled: true,
      hwaccel_type: 'nvidia',
      gpu_name: 'NVIDIA GeForce RTX 3080',
      encoders: { h264: ['h264_nvenc', 'libx264'], hevc: ['hevc_nvenc', 'libx265'], av1: ['libsvtav1'] },
      max_concurrent_encode_sessions: 3,
      driver_version: '535.1',
      cuda_version: '12.2',
    });
    expect(exec.calls).toHaveLength(5);
  });

  it('a failing smoke encode (no CUDA device) means the CPU, and is reported as such', async () => {
    const exec = fakeExec([
      listEncoders,
      nvidiaSmi,
      nvidiaPlain,
      [/_nvenc/, { exitCode: 1, stdout: '', stderr: 'Cannot load libcuda.so.1' }],
    ]);
    const logs: string[] = [];
    const hw = createHwEncoding({
      type: 'auto',
      fallbackToCpu: true,
      exec,
      listDir: noDri,
      log: (m) => logs.push(m),
    });
    expect(await hw.ladderHardware('h264')).toBeNull();
    expect(hw.capabilities()).toMatchObject({ hwaccel_enabled: false, hwaccel_type: 'none' });
    expect(logs).toEqual(['no usable GPU: encoding on the CPU']);
  });

  it('intel with VLOG_HWACCEL_VAAPI_DEVICE smoke-tests on that render node', async () => {
    const exec = fakeExec([
      listEncoders,
      [/^vainfo/, ok('Driver version: Intel iHD driver')],
      [/h264_vaapi/, ok()],
    ]);
    const hw = createHwEncoding({
      type: 'intel',
      fallbackToCpu: true,
      exec,
      vaapiDevice: '/dev/dri/renderD129',
    });
    expect(await hw.ladderHardware('h264')).toEqual({ family: 'vaapi', device: '/dev/dri/renderD129' });
    expect(exec.calls).toContain(
      'ffmpeg -hide_banner -y -vaapi_device /dev/dri/renderD129 -f lavfi -i color=black:s=256x256:d=0.1 -vf format=nv12,hwupload -c:v h264_vaapi -f null -',
    );
    expect(hw.capabilities()).toMatchObject({
      hwaccel_type: 'intel',
      vaapi_device: '/dev/dri/renderD129',
      max_concurrent_encode_sessions: 10,
    });
  });

  it('a family that failed maxFailures times is given up: CPU ladder, CPU capabilities', async () => {
    const exec = fakeExec([listEncoders, nvidiaSmi, nvidiaPlain, [/_nvenc/, ok()]]);
    const hw = createHwEncoding({
      type: 'nvidia',
      fallbackToCpu: true,
      exec,
      listDir: noDri,
      maxFailures: 2,
    });
    hw.recordFailure('nvenc');
    expect(await hw.ladderHardware('h264')).toEqual({ family: 'nvenc', device: null });
    hw.recordFailure('nvenc');
    expect(await hw.ladderHardware('h264')).toBeNull();
    expect(hw.capabilities()).toMatchObject({ hwaccel_enabled: false, hwaccel_type: 'none' });
  });

  it('capabilities claim the usual CPU encoders when ffmpeg could not list any', () => {
    expect(capabilitiesOf({ accelerators: [], ffmpegEncoders: [] }).encoders).toEqual({
      h264: ['libx264'],
      hevc: ['libx265'],
      av1: ['libsvtav1', 'libaom-av1'],
    });
  });
});

describe('gpuFailureOutcome', () => {
  const base = { aborted: false, publishedThisRun: 0, fallbackToCpu: true };
  it('falls back to the CPU when nothing of this run is published', () => {
    expect(gpuFailureOutcome(base)).toBe('cpu');
  });
  it('fails the job once a segment is out, when stopped, or with the fallback off', () => {
    expect(gpuFailureOutcome({ ...base, publishedThisRun: 1 })).toBe('fail');
    expect(gpuFailureOutcome({ ...base, aborted: true })).toBe('fail');
    expect(gpuFailureOutcome({ ...base, fallbackToCpu: false })).toBe('fail');
  });
});
