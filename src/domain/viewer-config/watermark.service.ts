import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { OpenFile } from '../../storage/safe-open.js';
import type { SettingsService } from '../settings/settings.service.js';
import { badRequest, notFound } from '../shared/errors.js';
import {
  WATERMARK_TYPES,
  contentTypeOf,
  openWatermark,
  watermarkExists,
  watermarkPathParts,
  writeWatermark,
} from './watermark-file.js';

const PUBLIC_IMAGE_URL = '/watermark/image';
const ADMIN_IMAGE_URL = '/api/settings/watermark/image';
const SET_SETTINGS_NOTE =
  'Set watermark.image to this path and watermark.enabled to true in the settings to show it.';

/** The watermark's settings as the player and the admin read them (api-public.md §4.5, api-admin.md §13). */
export function createWatermarkService(deps: {
  settings: Pick<SettingsService, 'get'>;
  /** The storage root `watermark.image` is relative to. */
  storageRoot: string;
  /** Live: storage.max_thumbnail_size_mb in bytes (VLOG_MAX_THUMBNAIL_SIZE). */
  options: { readonly maxThumbnailSize: number };
}) {
  const { settings, storageRoot } = deps;
  const configured = () => settings.get('watermark.image').trim();
  const style = () => ({
    position: settings.get('watermark.position'),
    opacity: settings.get('watermark.opacity'),
    padding: settings.get('watermark.padding'),
  });

  async function openConfigured(): Promise<{ file: OpenFile; contentType: string }> {
    const image = configured();
    if (image === '') throw notFound('Watermark not configured');
    const file = await openWatermark(storageRoot, image);
    if (!file) throw notFound('Watermark image not found');
    return { file, contentType: contentTypeOf(image) };
  }

  return {
    /** GET /api/config/watermark: `{enabled:false}` unless there is something to show. */
    async publicConfig() {
      if (!settings.get('watermark.enabled')) return { enabled: false };
      if (settings.get('watermark.type') === 'text') {
        const text = settings.get('watermark.text');
        if (text.trim() === '') return { enabled: false };
        return {
          enabled: true,
          type: 'text',
          text,
          text_size: settings.get('watermark.text_size'),
          text_color: settings.get('watermark.text_color'),
          ...style(),
        };
      }
      const image = configured();
      if (image === '' || !(await watermarkExists(storageRoot, image))) return { enabled: false };
      return {
        enabled: true,
        type: 'image',
        image_url: PUBLIC_IMAGE_URL,
        ...style(),
        max_width_percent: settings.get('watermark.max_width_percent'),
      };
    },

    /** GET /watermark/image: only while the watermark is enabled. */
    async publicImage() {
      if (!settings.get('watermark.enabled')) throw notFound('Watermark not configured');
      return openConfigured();
    },

    /** GET /api/settings/watermark/image: whatever is configured, enabled or not. */
    adminImage: openConfigured,

    /** GET /api/settings/watermark. */
    async adminView() {
      const image = configured();
      const exists = image !== '' && (await watermarkExists(storageRoot, image));
      return {
        enabled: settings.get('watermark.enabled'),
        type: settings.get('watermark.type'),
        image,
        image_exists: exists,
        image_url: exists ? ADMIN_IMAGE_URL : null,
        max_width_percent: settings.get('watermark.max_width_percent'),
        text: settings.get('watermark.text'),
        text_size: settings.get('watermark.text_size'),
        text_color: settings.get('watermark.text_color'),
        ...style(),
      };
    },

    /**
     * POST /api/settings/watermark/upload: to the configured path (when it is a safe one), else
     * `watermark{ext}` at the storage root. The settings are left for the admin to change.
     */
    async upload(input: { stream: Readable; filename: string }) {
      const ext = path.extname(input.filename).toLowerCase();
      if (!(ext in WATERMARK_TYPES))
        throw badRequest(
          `Invalid file type '${ext || input.filename}'. Allowed: ${Object.keys(WATERMARK_TYPES).join(', ')}`,
        );
      const parts = watermarkPathParts(configured());
      const relative = parts ? parts.join('/') : `watermark${ext}`;
      const size = await writeWatermark(
        input.stream,
        path.join(storageRoot, relative),
        deps.options.maxThumbnailSize,
      );
      return {
        status: 'ok',
        message: 'Watermark image uploaded',
        path: relative,
        size,
        note: SET_SETTINGS_NOTE,
      };
    },

    /** DELETE /api/settings/watermark: removes the configured file (the settings stay). */
    async remove() {
      const { file } = await openConfigured(); // 404 when unset, unsafe or missing
      await file.handle.close();
      await rm(path.join(storageRoot, ...(watermarkPathParts(configured()) ?? [])));
      return {
        status: 'ok',
        message: 'Watermark image deleted',
        note: 'Set watermark.enabled to false or configure a new image; the settings were not changed.',
      };
    },
  };
}

export type WatermarkService = ReturnType<typeof createWatermarkService>;
