import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { SettingInput, SettingsAdminService } from '../../../domain/settings/settings-admin.service.js';
import { ADMIN_SECURITY, errors, StatusOk } from '../../schemas/common.schemas.js';
import {
  CacheStats,
  ImportResult,
  SeedResult,
  Setting,
  SettingCreate,
  SettingImport,
  SettingKeyParam,
  SettingsExport,
  SettingValue,
} from '../../schemas/settings.schemas.js';

const tags = ['settings'];
const security = ADMIN_SECURITY;

/** Runtime settings (api-admin.md §14): the `settings` table, read by every process through its cache. */
export function adminSettingsRoutes(admin: SettingsAdminService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const read = (response: Record<number, unknown>) => ({ schema: { tags, security, response } });

    app.get(
      '/api/settings',
      read({
        200: Type.Object({ categories: Type.Record(Type.String(), Type.Array(Setting)) }),
        ...errors(401, 403),
      }),
      () => admin.listGrouped(),
    );
    app.get('/api/settings/categories', read({ 200: Type.Array(Type.String()), ...errors(401, 403) }), () =>
      admin.categories(),
    );
    app.get(
      '/api/settings/category/:category',
      {
        schema: {
          tags,
          security,
          params: Type.Object({ category: Type.String({ maxLength: 100 }) }),
          response: {
            200: Type.Object({ category: Type.String(), settings: Type.Array(Setting) }),
            ...errors(400, 401, 403),
          },
        },
      },
      (req) => admin.byCategory(req.params.category),
    );
    app.get(
      '/api/settings/key/:key',
      {
        schema: {
          tags,
          security,
          params: SettingKeyParam,
          response: { 200: Setting, ...errors(400, 401, 403, 404) },
        },
      },
      (req) => admin.find(req.params.key),
    );
    app.put(
      '/api/settings/key/:key',
      {
        schema: {
          tags,
          security,
          params: SettingKeyParam,
          body: Type.Object({ value: SettingValue }),
          response: { 200: Setting, ...errors(400, 401, 403, 404) },
        },
      },
      async (req) => {
        const setting = await admin.update(req.params.key, req.body.value, 'admin');
        req.log.info({ key: setting.key, value: setting.value }, 'settings_change');
        return setting;
      },
    );
    app.post(
      '/api/settings',
      {
        schema: {
          tags,
          security,
          body: SettingCreate,
          response: { 200: Setting, ...errors(400, 401, 403, 409) },
        },
      },
      // The constraint fields are type lists (settings.schemas.ts), which the type provider reads as unknown.
      (req) => admin.create(req.body as SettingInput, 'admin'),
    );
    app.delete(
      '/api/settings/key/:key',
      {
        schema: {
          tags,
          security,
          params: SettingKeyParam,
          response: { 200: StatusOk, ...errors(400, 401, 403, 404) },
        },
      },
      (req) => admin.remove(req.params.key),
    );
    app.post('/api/settings/export', read({ 200: SettingsExport, ...errors(401, 403) }), () =>
      admin.exportAll(),
    );
    app.post(
      '/api/settings/import',
      {
        schema: {
          tags,
          security,
          body: SettingImport,
          response: { 200: ImportResult, ...errors(400, 401, 403) },
        },
      },
      (req) => admin.importAll(req.body as { settings: SettingInput[]; overwrite: boolean }, 'admin'),
    );
    app.post('/api/settings/invalidate-cache', read({ 200: StatusOk, ...errors(401, 403) }), () =>
      admin.invalidateCache(),
    );
    app.get('/api/settings/cache-stats', read({ 200: CacheStats, ...errors(401, 403) }), () =>
      admin.cacheStats(),
    );
    app.post('/api/settings/seed-from-env', read({ 200: SeedResult, ...errors(401, 403) }), () =>
      admin.seedFromEnv('admin'),
    );
  };
}
