// Checks of a legacy video (legacy-video.ts) once re-encoded: its extras kept as they were, and a
// 320×180 H.264/AAC 360p rendition.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { probePlaylist } from './ffprobe.js';

/** The thumbnail, captions and sprites the legacy fixture wrote are still there, unchanged. */
export async function expectLegacyExtrasKept(dir: string): Promise<void> {
  expect(await readFile(path.join(dir, 'thumbnail.jpg'), 'utf8')).toBe('old-thumbnail');
  expect(await readFile(path.join(dir, 'captions.vtt'), 'utf8')).toContain('hello');
  expect(await readFile(path.join(dir, 'sprites', 'sprite_01.jpg'), 'utf8')).toBe('sheet');
  expect(await readFile(path.join(dir, 'sprites.vtt'), 'utf8')).toBe('WEBVTT\n');
}

/** The re-encoded 360p rendition: H.264 320×180 with AAC audio, read by ffprobe. */
export async function expectReencoded360p(dir: string): Promise<void> {
  const probe = await probePlaylist(path.join(dir, '360p', 'stream.m3u8'));
  expect([probe.videoCodec, probe.width, probe.height, probe.audioCodec]).toEqual(['h264', 320, 180, 'aac']);
}
