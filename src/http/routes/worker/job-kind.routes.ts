import type { Readable } from 'node:stream';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { JobIdParam, VideoIdParam } from '../../../contracts/worker-api/common.contract.js';
import {
  JOB_KIND_WIRE,
  JobStatusOk,
  jobUrls,
  type JobKindBodies,
  type WireJobKind,
} from '../../../contracts/worker-api/job-kinds.contract.js';
import type { WorkerPrincipal } from '../../../domain/workers/worker-auth.service.js';
import { workerPrincipal } from '../../plugins/worker-auth.js';
import { errors } from '../../schemas/common.schemas.js';
import { sendFile } from '../../send-file.js';
import { uploadOf } from './file-transfer.js';

/** The worker calling a job endpoint, and the job its URL names. */
export interface JobCaller {
  worker: WorkerPrincipal;
  jobId: number;
}

type StatusOk = Static<typeof JobStatusOk>;

/** What the one implementation of the job endpoints needs from a kind: its services, behind six calls. */
export interface JobKindAdapter<K extends WireJobKind> {
  kind: K;
  tags: string[];
  /** The OpenAPI description of each endpoint (none: undocumented beyond its schemas). */
  docs: Partial<Record<'claim' | 'source' | 'files' | 'complete' | 'fail' | 'release', string>>;
  /** Answers 200 with the claim, or the kind's "no work" answer. */
  claim(worker: WorkerPrincipal, query: { reclaim_own?: boolean }): Promise<JobKindBodies<K>['claim']>;
  /** The source file to send (Range supported); `id` is the video's for a by-video URL, else the job's. */
  source(worker: WorkerPrincipal, id: number): Promise<string>;
  receive(
    caller: JobCaller,
    upload: { relativePath: string; body: Readable; size: number | undefined; sha256: string | undefined },
  ): Promise<JobKindBodies<K>['upload']>;
  complete(caller: JobCaller, body: JobKindBodies<K>['complete']): Promise<StatusOk>;
  fail(caller: JobCaller, body: JobKindBodies<K>['fail']): Promise<JobKindBodies<K>['failResult']>;
  release(caller: JobCaller): Promise<StatusOk>;
}

const CALL = [400, 401, 403, 404, 409];

/**
 * The job endpoints of one kind (api-worker.md §4, §5): claim → source → files → complete | fail |
 * release, registered from the kind's wire table (src/contracts/worker-api/job-kinds.contract.ts) over
 * the kind's adapter. Every route needs the worker's key (the app's guard); every route after the claim
 * is checked by the kind's services against the caller's claim (403 not its job, 409 no longer claimed).
 * The schemas validate each request before the handler, so the bodies are the contract's types.
 */
export function jobKindRoutes<K extends WireJobKind>(adapter: JobKindAdapter<K>) {
  const wire = JOB_KIND_WIRE[adapter.kind];
  const { tags, docs } = adapter;
  const described = (description: string | undefined) => (description ? { description } : {});
  const caller = (req: FastifyRequest): JobCaller => ({
    worker: workerPrincipal(req),
    jobId: (req.params as Static<typeof JobIdParam>).job_id,
  });
  const byVideo = wire.source === 'video';
  const claimQuery = 'claimQuery' in wire ? wire.claimQuery : undefined;

  return async (fastify: FastifyInstance) => {
    fastify.post(
      jobUrls.claim(wire),
      {
        schema: {
          tags,
          ...described(docs.claim),
          ...(claimQuery ? { querystring: claimQuery } : {}),
          response: { 200: wire.claim, ...errors(...(claimQuery ? [400] : []), 401, 403) },
        },
      },
      (req) => adapter.claim(workerPrincipal(req), (req.query ?? {}) as { reclaim_own?: boolean }),
    );

    fastify.get(
      jobUrls.source(wire, { jobId: ':job_id', videoId: ':video_id' }),
      {
        schema: {
          tags,
          ...described(docs.source),
          params: byVideo ? VideoIdParam : JobIdParam,
          response: { ...errors(401, 403, 404, 409) },
        },
      },
      async (req: FastifyRequest, reply: FastifyReply) => {
        const params = req.params as { job_id?: number; video_id?: number };
        const file = await adapter.source(workerPrincipal(req), (byVideo ? params.video_id : params.job_id)!);
        return sendFile(req, reply, file);
      },
    );

    fastify.put(
      `${wire.base}/:job_id/${wire.files.pattern}`,
      {
        schema: {
          tags,
          ...described(docs.files),
          params: wire.files.params,
          response: { 200: wire.upload, ...errors(...CALL, 413, 415) },
        },
      },
      (req) => {
        const params = req.params as { '*'?: string; name?: string };
        return adapter.receive(caller(req), {
          relativePath: (params['*'] ?? params.name)!,
          ...uploadOf(req),
        });
      },
    );

    const action = (
      name: 'complete' | 'fail' | 'release',
      body: object | undefined,
      answer: object,
      handle: (req: FastifyRequest) => Promise<unknown>,
    ) =>
      fastify.post(
        jobUrls.action(wire, ':job_id', name),
        {
          schema: {
            tags,
            ...described(docs[name]),
            params: JobIdParam,
            ...(body ? { body } : {}),
            response: { 200: answer, ...errors(...CALL.filter((c) => body || c !== 400)) },
          },
        },
        handle,
      );
    type Bodies = JobKindBodies<K>;
    action('complete', wire.complete, JobStatusOk, (req) =>
      adapter.complete(caller(req), req.body as Bodies['complete']),
    );
    action('fail', wire.fail, wire.failResult, (req) =>
      adapter.fail(caller(req), req.body as Bodies['fail']),
    );
    action('release', undefined, JobStatusOk, (req) => adapter.release(caller(req)));
  };
}
