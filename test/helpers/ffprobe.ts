import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PlaylistProbe {
  duration: number;
  width: number;
  height: number;
  videoCodec: string;
  audioCodec: string | null;
}

/**
 * Reads a produced HLS playlist (or any media file, e.g. a thumbnail) with ffprobe: what a player would
 * see, independent of VLog's own probe code.
 */
export async function probePlaylist(playlist: string): Promise<PlaylistProbe> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format=duration:stream=codec_type,codec_name,width,height',
    '-of',
    'json',
    playlist,
  ]);
  const json = JSON.parse(stdout) as {
    format: { duration: string };
    streams: Array<{ codec_type: string; codec_name: string; width?: number; height?: number }>;
  };
  const video = json.streams.find((s) => s.codec_type === 'video');
  const audio = json.streams.find((s) => s.codec_type === 'audio');
  return {
    duration: Number(json.format.duration),
    width: video?.width ?? 0,
    height: video?.height ?? 0,
    videoCodec: video?.codec_name ?? '',
    audioCodec: audio?.codec_name ?? null,
  };
}

/** Codec and size of an image (or the first video stream of any file), read with ffprobe. */
export async function probeImage(file: string): Promise<{ codec: string; width: number; height: number }> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=codec_name,width,height',
    '-of',
    'json',
    file,
  ]);
  const s = (JSON.parse(stdout) as { streams: Array<{ codec_name: string; width: number; height: number }> })
    .streams[0];
  return { codec: s?.codec_name ?? '', width: s?.width ?? 0, height: s?.height ?? 0 };
}
