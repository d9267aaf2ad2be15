import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jpegSize } from './jpeg-size.js';

describe('jpegSize', () => {
  it('reads the size of JPEGs ffmpeg writes (baseline and with EXIF-like segments first)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'jpeg-size-'));
    try {
      const file = path.join(dir, 'frame.jpg');
      execFileSync('ffmpeg', [
        '-v',
        'error',
        '-f',
        'lavfi',
        '-i',
        'testsrc=size=320x180',
        '-frames:v',
        '1',
        file,
      ]);
      expect(jpegSize(readFileSync(file))).toEqual({ width: 320, height: 180 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('skips segments before the frame header', () => {
    const app0 = [0xff, 0xe0, 0x00, 0x04, 0x00, 0x00];
    const sof2 = [0xff, 0xc2, 0x00, 0x0b, 0x08, 0x01, 0x68, 0x02, 0x80, 0x01, 0x01];
    expect(jpegSize(Uint8Array.from([0xff, 0xd8, ...app0, ...sof2]))).toEqual({ width: 640, height: 360 });
  });

  it('refuses what is not a JPEG or ends early', () => {
    expect(jpegSize(Buffer.from('GIF89a'))).toBeNull();
    expect(jpegSize(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]))).toBeNull();
    expect(jpegSize(Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x04]))).toBeNull();
  });
});
