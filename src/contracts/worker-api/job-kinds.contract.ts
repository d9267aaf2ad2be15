import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { JobFileParams } from './common.contract.js';
import {
  ReencodeClaimResponse,
  ReencodeCompleteBody,
  ReencodeFailBody,
  ReencodeFailResponse,
  ReencodeUploadResponse,
} from './reencode-job.contract.js';
import {
  SpriteClaimResponse,
  SpriteCompleteBody,
  SpriteFailBody,
  SpriteFileParams,
  SpriteUploadResponse,
} from './sprite-job.contract.js';
import {
  ClaimQuery,
  ClaimResponse,
  CompleteBody,
  FailBody,
  FailResponse,
  FileUploadResponse,
} from './transcode-job.contract.js';
import {
  TranscriptionClaimResponse,
  TranscriptionCompleteBody,
  TranscriptionFailBody,
  TranscriptionFailResponse,
  TranscriptionFileParams,
  TranscriptionUploadResponse,
} from './transcription-job.contract.js';

/** `{status, message?}`: the answer of complete, release (and a sprite's fail). */
export const JobStatusOk = Type.Object({ status: Type.String(), message: Type.Optional(Type.String()) });

/**
 * The six job endpoints every kind has, over one URL scheme below `base`:
 * POST claim · GET source · PUT files/… · POST complete · POST fail · POST release.
 * The server registers them from this table (src/http/routes/worker/job-kind.routes.ts) and the worker's
 * client calls them from it (src/worker/remote/job-client.ts), so neither side spells a URL or a body.
 */
export interface JobKindWire {
  base: string;
  /** 'video': GET {base}/source/:video_id (transcode, api-worker.md §4.3); 'job': GET {base}/:job_id/source. */
  source: 'video' | 'job';
  /** The file upload's last segment: `files/*` (a path in the video directory) or `files/:name` (one name). */
  files:
    | { pattern: 'files/*'; params: typeof JobFileParams }
    | { pattern: 'files/:name'; params: typeof SpriteFileParams | typeof TranscriptionFileParams };
  claimQuery?: TSchema;
  claim: TSchema;
  upload: TSchema;
  complete: TSchema;
  fail: TSchema;
  failResult: TSchema;
}

const paths = { pattern: 'files/*', params: JobFileParams } as const;

export const JOB_KIND_WIRE = {
  transcode: {
    base: '/api/worker',
    source: 'video',
    files: paths,
    claimQuery: ClaimQuery,
    claim: ClaimResponse,
    upload: FileUploadResponse,
    complete: CompleteBody,
    fail: FailBody,
    failResult: FailResponse,
  },
  sprite: {
    base: '/api/worker/sprites',
    source: 'job',
    files: { pattern: 'files/:name', params: SpriteFileParams },
    claim: SpriteClaimResponse,
    upload: SpriteUploadResponse,
    complete: SpriteCompleteBody,
    fail: SpriteFailBody,
    failResult: JobStatusOk,
  },
  reencode: {
    base: '/api/worker/reencode',
    source: 'job',
    files: paths,
    claim: ReencodeClaimResponse,
    upload: ReencodeUploadResponse,
    complete: ReencodeCompleteBody,
    fail: ReencodeFailBody,
    failResult: ReencodeFailResponse,
  },
  transcription: {
    base: '/api/worker/transcription',
    source: 'job',
    files: { pattern: 'files/:name', params: TranscriptionFileParams },
    claim: TranscriptionClaimResponse,
    upload: TranscriptionUploadResponse,
    complete: TranscriptionCompleteBody,
    fail: TranscriptionFailBody,
    failResult: TranscriptionFailResponse,
  },
} as const satisfies Record<string, JobKindWire>;

/** A job kind of the worker protocol (the same names as the worker's job registry). */
export type WireJobKind = keyof typeof JOB_KIND_WIRE;
type WireOf<K extends WireJobKind> = (typeof JOB_KIND_WIRE)[K];

/** The request and answer bodies of kind K's job endpoints. */
export interface JobKindBodies<K extends WireJobKind> {
  claim: Static<WireOf<K>['claim']>;
  upload: Static<WireOf<K>['upload']>;
  complete: Static<WireOf<K>['complete']>;
  fail: Static<WireOf<K>['fail']>;
  failResult: Static<WireOf<K>['failResult']>;
}

/** The URL of a job endpoint of kind K (what the routes register with `:job_id`, the client with the id). */
export const jobUrls = {
  claim: (w: JobKindWire) => `${w.base}/claim`,
  source: (w: JobKindWire, id: { jobId: number | string; videoId: number | string }) =>
    w.source === 'video' ? `${w.base}/source/${id.videoId}` : `${w.base}/${id.jobId}/source`,
  action: (w: JobKindWire, jobId: number | string, action: 'complete' | 'fail' | 'release') =>
    `${w.base}/${jobId}/${action}`,
  file: (w: JobKindWire, jobId: number | string, relativePath: string) =>
    `${w.base}/${jobId}/files/${relativePath}`,
};
