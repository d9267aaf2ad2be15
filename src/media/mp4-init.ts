import { readFile } from 'node:fs/promises';
import { audioCodecString } from './master-playlist.js';

/**
 * Size and CODECS of a CMAF rendition read straight from its init.mp4 (the sample entries in moov), with
 * no ffprobe. Reading the first segments of every rendition used to take 8 ffprobe runs while the CPU is
 * saturated by the encode (~3.6 s before the master playlist of a 1080p ladder could go out); parsing a
 * few hundred bytes takes microseconds. Handles H.264 (avcC) video and AAC (mp4a) audio; anything else
 * returns null and the caller probes.
 */
export interface InitDescription {
  width: number;
  height: number;
  codecs: string;
}

/** Boxes whose payload is only other boxes, on the way from the file to the sample entries. */
const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);

interface Box {
  type: string;
  start: number; // payload start
  end: number;
}

function boxes(buf: Buffer, start: number, end: number): Box[] {
  const out: Box[] = [];
  let at = start;
  while (at + 8 <= end) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    let header = 8;
    if (size === 1 && at + 16 <= end) {
      size = Number(buf.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < header || at + size > end) break;
    out.push({ type, start: at + header, end: at + size });
    at += size;
  }
  return out;
}

/** The sample entries (stsd children) of every track. */
function sampleEntries(buf: Buffer): Box[] {
  const found: Box[] = [];
  const walk = (start: number, end: number): void => {
    for (const b of boxes(buf, start, end)) {
      if (CONTAINERS.has(b.type)) walk(b.start, b.end);
      // stsd: full box (4) + entry count (4), then the entries.
      else if (b.type === 'stsd') found.push(...boxes(buf, b.start + 8, b.end));
    }
  };
  walk(0, buf.length);
  return found;
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** Parses an init segment; null when it holds something this parser does not describe. */
export function describeInit(buf: Buffer): InitDescription | null {
  const entries = sampleEntries(buf);
  const video = entries.find((e) => e.type === 'avc1' || e.type === 'avc3');
  if (!video) return null;
  // VisualSampleEntry: 6 reserved + 2 data_reference_index + 16 pre_defined/reserved, then width, height;
  // its child boxes start after 78 bytes.
  const width = buf.readUInt16BE(video.start + 24);
  const height = buf.readUInt16BE(video.start + 26);
  const avcC = boxes(buf, video.start + 78, video.end).find((b) => b.type === 'avcC');
  if (!avcC || avcC.end - avcC.start < 4) return null;
  // AVCDecoderConfigurationRecord: version, profile_idc, profile_compatibility, level_idc.
  const [profile, compat, level] = [
    buf[avcC.start + 1],
    buf[avcC.start + 2],
    buf[avcC.start + 3],
  ] as number[];
  const videoCodecs = `${video.type === 'avc3' ? 'avc3' : 'avc1'}.${hex2(profile!)}${hex2(compat!)}${hex2(level!)}`;
  const others = entries.filter((e) => e !== video);
  if (others.some((e) => e.type !== 'mp4a')) return null; // an audio codec this parser does not name
  const codecs = others.length > 0 ? `${videoCodecs},${audioCodecString('aac')}` : videoCodecs;
  return { width, height, codecs };
}

export async function describeInitFile(path: string): Promise<InitDescription | null> {
  try {
    return describeInit(await readFile(path));
  } catch {
    return null;
  }
}
