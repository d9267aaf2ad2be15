import { describe, expect, it } from 'vitest';
import { configSchema } from '../config/config.schema.js';
import { loadConfig } from '../config/load-config.js';
import { WORKER_SETTING_KEYS } from '../contracts/worker-settings.js';
import { CATALOGUE_ENTRIES, catalogueEntry } from '../domain/settings/settings-catalogue.js';
import { resolveFallbacks } from '../domain/settings/settings-environment.js';
import { CONFIG_OWNED, settingsEnvironment } from './settings-environment.js';

describe('the settings catalogue and the config schema agree', () => {
  it.each(Object.entries(CONFIG_OWNED))(
    '%s: same default, and its variable is one the key reads',
    (key, owned) => {
      const entry = catalogueEntry(key as keyof typeof CONFIG_OWNED);
      const spec = configSchema[owned.field];
      const fallback = spec.default as number;
      expect(owned.toSetting ? owned.toSetting(fallback) : spec.default).toEqual(entry.default);
      expect(entry.env).toContain(spec.env);
    },
  );

  it('the worker-side keys are exactly the catalogue entries read by workers', () => {
    const byWorkers = CATALOGUE_ENTRIES.filter((e) => e.readBy === 'worker').map((e) => e.key);
    expect([...WORKER_SETTING_KEYS].sort()).toEqual(byWorkers.sort());
  });

  it('every key has a category, a description and at least one variable', () => {
    for (const e of CATALOGUE_ENTRIES) {
      expect(e.key.startsWith(`${e.category}.`)).toBe(true);
      expect(e.description.length).toBeGreaterThan(5);
      expect(e.env.length).toBeGreaterThan(0);
    }
  });
});

describe('settingsEnvironment (the environment layer)', () => {
  it('takes the config value for variables it owns (its bounds, converted), parses the others', () => {
    const config = loadConfig({
      VLOG_WORKER_POLL_INTERVAL: '0.2', // below the setting's minimum, allowed by the config (tests)
      VLOG_MAX_UPLOAD_SIZE: String(3 * 1024 * 1024),
      VLOG_WATERMARK_POSITION: 'CENTER',
      VLOG_WATERMARK_TEXT_SIZE: '99', // out of range: not used
      VLOG_ADMIN_API_SECRET: 'a-secret-long-enough-0123', // never a settings fallback
    });
    expect(config.env.VLOG_ADMIN_API_SECRET).toBeUndefined();
    const f = resolveFallbacks(settingsEnvironment(config));
    expect(f.get('workers.poll_interval')).toEqual({
      value: 0.2,
      source: 'environment',
      variable: 'VLOG_WORKER_POLL_INTERVAL',
    });
    expect(f.get('storage.max_upload_size_mb')?.value).toBe(3);
    expect(f.get('watermark.position')).toMatchObject({ value: 'center', source: 'environment' });
    expect(f.get('watermark.text_size')).toEqual({
      value: 16,
      source: 'default',
      variable: 'VLOG_WATERMARK_TEXT_SIZE',
      problem: 'must be at most 72',
    });
    expect(f.get('display.tagline')).toEqual({ value: '', source: 'default' });
  });

  it('the first variable a key lists wins (the reference’s name before the config’s)', () => {
    const config = loadConfig({
      VLOG_FFMPEG_TIMEOUT_MULTIPLIER: '3',
      VLOG_FFMPEG_TIMEOUT_BASE_MULTIPLIER: '4',
    });
    const f = resolveFallbacks(settingsEnvironment(config));
    expect(f.get('transcoding.ffmpeg_timeout_multiplier')).toMatchObject({
      value: 3,
      variable: 'VLOG_FFMPEG_TIMEOUT_MULTIPLIER',
    });
    const base = resolveFallbacks(
      settingsEnvironment(loadConfig({ VLOG_FFMPEG_TIMEOUT_BASE_MULTIPLIER: '4' })),
    );
    expect(base.get('transcoding.ffmpeg_timeout_multiplier')).toMatchObject({ value: 4 });
  });
});
