/**
 * The static DASH manifest of a CMAF video (pipeline spec §8.3, with its design flaw fixed): ONE video
 * AdaptationSet holding every rendition, so DASH players switch between them; segments addressed by a
 * SegmentTemplate over the same files the HLS playlists use. Audio is muxed into each rendition's fMP4,
 * hence one combined codecs string per Representation. The `original` remux (MPEG-TS) is never listed.
 */

export interface DashRepresentation {
  /** Quality name, e.g. "1080p". */
  id: string;
  /** Bits per second. */
  bandwidth: number;
  width: number;
  height: number;
  /** RFC 6381 "video,audio", e.g. "avc1.640028,mp4a.40.2". */
  codecs: string;
  /** Relative to the manifest, e.g. "1080p/init.mp4". */
  initUri: string;
  /** Relative template with `$Number%04d$`, e.g. "1080p/seg_$Number%04d$.m4s". */
  mediaTemplate: string;
}

export interface DashManifestOptions {
  durationSeconds: number;
  /** The real segment duration (VLOG_HLS_SEGMENT_DURATION), seconds. */
  segmentDuration: number;
  representations: readonly DashRepresentation[];
  /** Default: the segment duration. */
  minBufferSeconds?: number;
}

const TIMESCALE = 1000;

/** ISO 8601 duration as the spec writes it: 125.5 → "PT0H2M5.500S". */
export function dashDuration(seconds: number): string {
  const millis = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(millis / 3_600_000);
  const m = Math.floor((millis % 3_600_000) / 60_000);
  const s = (millis % 60_000) / 1000;
  return `PT${h}H${m}M${s.toFixed(3)}S`;
}

function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attrs(pairs: Record<string, string | number>): string {
  return Object.entries(pairs)
    .map(([k, v]) => `${k}="${escapeXml(String(v))}"`)
    .join(' ');
}

function representation(r: DashRepresentation, segmentDuration: number): string[] {
  const template = attrs({
    timescale: TIMESCALE,
    duration: Math.round(segmentDuration * TIMESCALE),
    startNumber: 0,
    initialization: r.initUri,
    media: r.mediaTemplate,
  });
  const rep = attrs({
    id: r.id,
    bandwidth: Math.round(r.bandwidth),
    width: r.width,
    height: r.height,
    codecs: r.codecs,
  });
  return [
    `      <Representation ${rep}>`,
    `        <SegmentTemplate ${template}/>`,
    '      </Representation>',
  ];
}

export function buildDashManifest(opts: DashManifestOptions): string {
  if (opts.representations.length === 0)
    throw new RangeError('a DASH manifest needs at least one representation');
  if (!(opts.segmentDuration > 0)) throw new RangeError('segmentDuration must be positive');
  if (!(opts.durationSeconds > 0)) throw new RangeError('durationSeconds must be positive');
  const duration = dashDuration(opts.durationSeconds);
  const reps = [...opts.representations].sort((a, b) => b.bandwidth - a.bandwidth);
  const mpd = attrs({
    xmlns: 'urn:mpeg:dash:schema:mpd:2011',
    type: 'static',
    mediaPresentationDuration: duration,
    minBufferTime: dashDuration(opts.minBufferSeconds ?? opts.segmentDuration),
    // Separate segment files addressed by a template: the live profile (on-demand means one indexed file).
    profiles: 'urn:mpeg:dash:profile:isoff-live:2011',
  });
  const set = attrs({
    id: 0,
    mimeType: 'video/mp4',
    segmentAlignment: 'true',
    startWithSAP: 1,
    maxWidth: Math.max(...reps.map((r) => r.width)),
    maxHeight: Math.max(...reps.map((r) => r.height)),
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<MPD ${mpd}>`,
    `  <Period id="0" start="PT0S" duration="${duration}">`,
    `    <AdaptationSet ${set}>`,
    ...reps.flatMap((r) => representation(r, opts.segmentDuration)),
    '    </AdaptationSet>',
    '  </Period>',
    '</MPD>',
    '',
  ].join('\n');
}
