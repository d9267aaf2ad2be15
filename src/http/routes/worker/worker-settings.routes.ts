import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { WorkerSettings } from '../../../contracts/worker-settings.js';
import type { SettingsService } from '../../../domain/settings/settings.service.js';
import { errors } from '../../schemas/common.schemas.js';

const seconds = (description: string) => Type.Number({ description });

export const WorkerSettingsResponse = Type.Object({
  settings: Type.Object({
    'transcoding.hls_segment_duration': seconds('Segment duration of new transcodes (s)'),
    'transcoding.ffmpeg_timeout_multiplier': Type.Number({ description: 'ffmpeg timeout multiplier' }),
    'transcoding.ffmpeg_timeout_minimum': seconds('Lower bound of the ffmpeg timeout (s)'),
    'transcoding.ffmpeg_timeout_maximum': seconds('Upper bound of the ffmpeg timeout (s)'),
    'workers.heartbeat_interval': seconds('Heartbeat period (s)'),
    'workers.poll_interval': seconds('Wait for work when idle (s)'),
    'workers.progress_update_interval': seconds('Minimum gap between progress reports (s)'),
    'streaming.enable_dash': Type.Boolean({ description: 'CMAF output also gets manifest.mpd' }),
    'streaming.segment_duration': seconds('Segment duration of re-encodes (s)'),
  } satisfies Record<keyof WorkerSettings, unknown>),
  from_database: Type.Array(Type.String(), {
    description: 'Keys stored in the database: they win over the worker’s own environment',
  }),
});

/**
 * The settings workers apply (not in the reference, whose workers read the environment): resolved here
 * (database, environment, default), asked for by the worker before each job and with its heartbeats,
 * so a change made in the admin reaches every worker's next job without a restart.
 */
export function workerSettingsRoutes(deps: { settings: SettingsService }) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/api/worker/settings',
      {
        schema: {
          tags: ['workers'],
          description: 'The settings a worker applies. Requires the X-Worker-API-Key header.',
          response: { 200: WorkerSettingsResponse, ...errors(401, 403) },
        },
      },
      () => deps.settings.forWorkers(),
    );
  };
}
