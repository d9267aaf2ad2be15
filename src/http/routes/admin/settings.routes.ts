import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { SettingInput, SettingsAdminService } from '../../../domain/settings/settings-admin.service.js';
import { StatusOk } from '../../../contracts/api/common.contract.js';
import * as wire from '../../../contracts/api/settings.contract.js';
import { adminRouter } from '../../schemas/route-schema.js';

/** Runtime settings (api-admin.md §14): the `settings` table, read by every process through its cache. */
export function adminSettingsRoutes(admin: SettingsAdminService) {
  return async (fastify: FastifyInstance) => {
    const { app, schema } = adminRouter(fastify, ['settings']);
    const byKey = { params: wire.SettingKeyParam, fails: [404] };

    app.get('/api/settings', { schema: schema({ ok: wire.SettingsByCategory }) }, () => admin.listGrouped());
    app.get('/api/settings/categories', { schema: schema({ ok: Type.Array(Type.String()) }) }, () =>
      admin.categories(),
    );
    app.get('/api/settings/catalogue', { schema: schema({ ok: wire.SettingsCatalogue }) }, () =>
      admin.catalogue(),
    );
    app.get(
      '/api/settings/category/:category',
      { schema: schema({ params: wire.SettingCategoryParam, ok: wire.SettingCategory }) },
      (req) => admin.byCategory(req.params.category),
    );
    app.get('/api/settings/key/:key', { schema: schema({ ...byKey, ok: wire.Setting }) }, (req) =>
      admin.find(req.params.key),
    );
    app.put(
      '/api/settings/key/:key',
      { schema: schema({ ...byKey, body: wire.SettingUpdateBody, ok: wire.Setting }) },
      async (req) => {
        const setting = await admin.update(req.params.key, req.body.value, 'admin');
        req.log.info({ key: setting.key, value: setting.value }, 'settings_change');
        return setting;
      },
    );
    app.post(
      '/api/settings',
      { schema: schema({ body: wire.SettingCreate, ok: wire.Setting, fails: [409] }) },
      // The constraint fields are type lists (settings.contract.ts), which the type provider reads as unknown.
      (req) => admin.create(req.body as SettingInput, 'admin'),
    );
    app.delete('/api/settings/key/:key', { schema: schema({ ...byKey, ok: StatusOk }) }, (req) =>
      admin.remove(req.params.key),
    );
    app.post('/api/settings/export', { schema: schema({ ok: wire.SettingsExport }) }, () =>
      admin.exportAll(),
    );
    app.post(
      '/api/settings/import',
      { schema: schema({ body: wire.SettingImport, ok: wire.ImportResult }) },
      (req) => admin.importAll(req.body as { settings: SettingInput[]; overwrite: boolean }, 'admin'),
    );
    app.post('/api/settings/invalidate-cache', { schema: schema({ ok: StatusOk }) }, () =>
      admin.invalidateCache(),
    );
    app.get('/api/settings/cache-stats', { schema: schema({ ok: wire.CacheStats }) }, () =>
      admin.cacheStats(),
    );
    app.post('/api/settings/seed-from-env', { schema: schema({ ok: wire.SeedResult }) }, () =>
      admin.seedFromEnv('admin'),
    );
  };
}
