import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('uses the defaults and derives storage paths from the data dir', () => {
    const c = loadConfig({ VLOG_DATA_DIR: '/srv/vlog' });
    expect(c.publicPort).toBe(9000);
    expect(c.adminPort).toBe(9001);
    expect(c.streamingFormat).toBe('cmaf');
    expect(c.storageRoot).toBe('/srv/vlog/storage');
    expect(c.videosDir).toBe('/srv/vlog/storage/videos');
    expect(c.adminApiUrl).toBe('http://localhost:9001');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('parses typed values, including fractional lease minutes', () => {
    const c = loadConfig({
      VLOG_WORKER_CLAIM_DURATION: '0.25',
      VLOG_SECURE_COOKIES: 'no',
      VLOG_CORS_ORIGINS: 'a.example, b.example,',
      VLOG_STREAMING_FORMAT: 'HLS_TS',
    });
    expect(c.workerClaimDurationMinutes).toBe(0.25);
    expect(c.secureCookies).toBe(false);
    expect(c.corsOrigins).toEqual(['a.example', 'b.example']);
    expect(c.streamingFormat).toBe('hls_ts');
  });

  it('names every bad variable at once', () => {
    const bad = {
      VLOG_PUBLIC_PORT: 'ninety',
      VLOG_HLS_SEGMENT_DURATION: '0',
      VLOG_STREAMING_CODEC: 'mpeg2',
      VLOG_SECURE_COOKIES: 'maybe',
    };
    let error: unknown;
    try {
      loadConfig(bad);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of Object.keys(bad)) expect(message).toContain(name);
    expect((error as ConfigError).problems).toHaveLength(4);
  });
});
