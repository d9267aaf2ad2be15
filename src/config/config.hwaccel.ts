import { parseBoolean, parseEnum, parseString } from './env-parsers.js';

export const HWACCEL_TYPES = ['auto', 'nvidia', 'intel', 'none'] as const;

/**
 * GPU encoding (config.md §6, pipeline.md §6): what a worker probes for at start and what it does when a
 * GPU encode fails. A section of the one config schema (config.schema.ts). Unlike the reference, the
 * fallback and the render node are applied.
 */
export const hwaccelSchema = {
  hwaccelType: {
    doc: 'GPU detection at worker start: auto (NVIDIA, then Intel/VAAPI), nvidia, intel or none (CPU only)',
    env: 'VLOG_HWACCEL_TYPE',
    parse: parseEnum(HWACCEL_TYPES),
    default: 'auto' as (typeof HWACCEL_TYPES)[number],
  },
  hwaccelFallbackToCpu: {
    doc: 'A GPU ladder that fails before publishing a segment is run again on the CPU (false: the job fails)',
    env: 'VLOG_HWACCEL_FALLBACK_TO_CPU',
    parse: parseBoolean,
    default: true,
  },
  hwaccelVaapiDevice: {
    doc: 'Render node for VAAPI/QSV (empty: the first /dev/dri/renderD*)',
    env: 'VLOG_HWACCEL_VAAPI_DEVICE',
    parse: parseString,
    default: '',
  },
} as const;
