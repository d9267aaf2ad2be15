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

describe('loadConfig: admin secret and rate limits', () => {
  it('refuses a configured admin secret shorter than 16 characters, naming the variable', () => {
    expect(() => loadConfig({ VLOG_ADMIN_API_SECRET: 'short-secret-15' })).toThrow(
      /VLOG_ADMIN_API_SECRET: must be at least 16 characters/,
    );
    expect(loadConfig({ VLOG_ADMIN_API_SECRET: 'sixteen-chars-ok' }).adminApiSecret).toBe('sixteen-chars-ok');
    expect(loadConfig({}).adminApiSecret).toBe(''); // unset: a strong one is generated at start
  });

  it('reads rate limits as N/second|minute|hour|day with the defaults of config.md §4', () => {
    const c = loadConfig({
      VLOG_RATE_LIMIT_ADMIN_UPLOAD: '3/day',
      VLOG_RATE_LIMIT_PUBLIC_DEFAULT: '7 per second',
    });
    expect(c.rateLimitEnabled).toBe(true);
    expect(c.rateLimitPublicVideosList).toMatchObject({
      limit: 60,
      windowMs: 60_000,
      text: '60 per 1 minute',
    });
    expect(c.rateLimitWorkerRegister).toMatchObject({ limit: 5, windowMs: 3_600_000, text: '5 per 1 hour' });
    expect(c.rateLimitAdminUpload).toMatchObject({ limit: 3, windowMs: 86_400_000, text: '3 per 1 day' });
    expect(c.rateLimitPublicDefault).toMatchObject({ limit: 7, windowMs: 1000 });
    expect(c.rateLimitStorageUrl).toBe('');
  });

  it('names a bad rate, storage URL or switch', () => {
    let error: unknown;
    try {
      loadConfig({
        VLOG_RATE_LIMIT_PUBLIC_DEFAULT: '100/fortnight',
        VLOG_RATE_LIMIT_ADMIN_DEFAULT: '0/minute',
        VLOG_RATE_LIMIT_STORAGE_URL: 'http://cache:6379',
        VLOG_RATE_LIMIT_ENABLED: 'sometimes',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'VLOG_RATE_LIMIT_PUBLIC_DEFAULT',
      'VLOG_RATE_LIMIT_ADMIN_DEFAULT',
      'VLOG_RATE_LIMIT_STORAGE_URL',
      'VLOG_RATE_LIMIT_ENABLED',
    ])
      expect(problems).toContain(name);
    expect(loadConfig({ VLOG_RATE_LIMIT_STORAGE_URL: 'memory://' }).rateLimitStorageUrl).toBe('memory://');
  });
});
