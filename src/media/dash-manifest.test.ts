import { describe, expect, it } from 'vitest';
import { buildDashManifest, dashDuration, type DashRepresentation } from './dash-manifest.js';

const rep = (id: string, bandwidth: number, width: number, height: number): DashRepresentation => ({
  id,
  bandwidth,
  width,
  height,
  codecs: 'hvc1.1.6.L93.90,mp4a.40.2',
  initUri: `${id}/init.mp4`,
  mediaTemplate: `${id}/seg_$Number%04d$.m4s`,
});

describe('dashDuration', () => {
  it('writes PT{h}H{m}M{s.sss}S', () => {
    expect(dashDuration(125.5)).toBe('PT0H2M5.500S');
    expect(dashDuration(2)).toBe('PT0H0M2.000S');
    expect(dashDuration(3723.0004)).toBe('PT1H2M3.000S');
    expect(dashDuration(59.9996)).toBe('PT0H1M0.000S');
  });
});

describe('buildDashManifest', () => {
  it('puts every rendition in ONE video AdaptationSet with the real segment duration', () => {
    const xml = buildDashManifest({
      durationSeconds: 125.5,
      segmentDuration: 4,
      representations: [rep('720p', 2_500_000, 1280, 720), rep('1080p', 5_000_000, 1920, 1080)],
    });
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT0H2M5.500S" ' +
          'minBufferTime="PT0H0M4.000S" profiles="urn:mpeg:dash:profile:isoff-live:2011">',
        '  <Period id="0" start="PT0S" duration="PT0H2M5.500S">',
        '    <AdaptationSet id="0" mimeType="video/mp4" segmentAlignment="true" startWithSAP="1" maxWidth="1920" maxHeight="1080">',
        '      <Representation id="1080p" bandwidth="5000000" width="1920" height="1080" codecs="hvc1.1.6.L93.90,mp4a.40.2">',
        '        <SegmentTemplate timescale="1000" duration="4000" startNumber="0" initialization="1080p/init.mp4" media="1080p/seg_$Number%04d$.m4s"/>',
        '      </Representation>',
        '      <Representation id="720p" bandwidth="2500000" width="1280" height="720" codecs="hvc1.1.6.L93.90,mp4a.40.2">',
        '        <SegmentTemplate timescale="1000" duration="4000" startNumber="0" initialization="720p/init.mp4" media="720p/seg_$Number%04d$.m4s"/>',
        '      </Representation>',
        '    </AdaptationSet>',
        '  </Period>',
        '</MPD>',
        '',
      ].join('\n'),
    );
    expect(xml.match(/<AdaptationSet /g)).toHaveLength(1);
  });

  it('handles fractional segment durations and escapes attribute values', () => {
    const xml = buildDashManifest({
      durationSeconds: 10,
      segmentDuration: 2.5,
      minBufferSeconds: 2,
      representations: [{ ...rep('a"b', 1000, 640, 360), initUri: 'x&y/init.mp4' }],
    });
    expect(xml).toContain('duration="2500"');
    expect(xml).toContain('minBufferTime="PT0H0M2.000S"');
    expect(xml).toContain('id="a&quot;b"');
    expect(xml).toContain('initialization="x&amp;y/init.mp4"');
  });

  it('refuses empty or nonsense input', () => {
    const ok = { durationSeconds: 10, segmentDuration: 2, representations: [rep('360p', 1, 640, 360)] };
    expect(() => buildDashManifest({ ...ok, representations: [] })).toThrow(RangeError);
    expect(() => buildDashManifest({ ...ok, segmentDuration: 0 })).toThrow(RangeError);
    expect(() => buildDashManifest({ ...ok, durationSeconds: 0 })).toThrow(RangeError);
  });
});
