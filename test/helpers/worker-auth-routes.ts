// Every worker API route with how to call it and what it answers once authenticated, for the
// authentication tests (worker-auth.test.ts). A new worker endpoint must be listed here.

export type Method = 'GET' | 'POST' | 'PUT';
export interface Route {
  method: Method;
  url: string;
  pattern: string;
  payload?: object | string;
  headers?: Record<string, string>;
  /** The status once authenticated (job routes on a job that does not exist: 404). Default 200. */
  authed?: number;
}

const NO_JOB = 2147483000;
const EMPTY_SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** A checksummed upload of an empty file into a job that does not exist (404 once authenticated). */
const emptyUpload = (url: string, pattern: string): Route => ({
  method: 'PUT',
  url,
  pattern,
  payload: '',
  headers: { 'content-type': 'application/octet-stream', 'x-content-sha256': EMPTY_SHA },
  authed: 404,
});

/** Routes that need a worker API key. A new worker endpoint must be listed here or in ADMIN_ROUTES. */
export const KEY_ROUTES: Route[] = [
  {
    method: 'POST',
    url: '/api/worker/heartbeat',
    pattern: '/api/worker/heartbeat',
    payload: { status: 'idle' },
  },
  { method: 'POST', url: '/api/worker/claim', pattern: '/api/worker/claim' },
  { method: 'GET', url: '/api/worker/wait?timeout=0', pattern: '/api/worker/wait' },
  { method: 'GET', url: '/api/worker/settings', pattern: '/api/worker/settings' },
  {
    method: 'POST',
    url: `/api/worker/${NO_JOB}/progress`,
    pattern: '/api/worker/:job_id/progress',
    payload: { progress_percent: 5 },
    authed: 404,
  },
  {
    method: 'POST',
    url: `/api/worker/${NO_JOB}/complete`,
    pattern: '/api/worker/:job_id/complete',
    payload: { qualities: [] },
    authed: 404,
  },
  {
    method: 'POST',
    url: `/api/worker/${NO_JOB}/fail`,
    pattern: '/api/worker/:job_id/fail',
    payload: { error_message: 'x', retry: true },
    authed: 404,
  },
  {
    method: 'POST',
    url: `/api/worker/${NO_JOB}/release`,
    pattern: '/api/worker/:job_id/release',
    authed: 404,
  },
  {
    method: 'GET',
    url: `/api/worker/source/${NO_JOB}`,
    pattern: '/api/worker/source/:video_id',
    authed: 404,
  },
  emptyUpload(`/api/worker/${NO_JOB}/files/720p/seg_0000.m4s`, '/api/worker/:job_id/files/*'),
  {
    method: 'POST',
    url: `/api/worker/${NO_JOB}/local-files`,
    pattern: '/api/worker/:job_id/local-files',
    payload: { files: [{ path: '720p/seg_0000.m4s', local_path: '/tmp/seg_0000.m4s' }] },
    // A registered remote worker: same-host transfer is for the server's local worker only.
    authed: 403,
  },
  { method: 'POST', url: '/api/worker/sprites/claim', pattern: '/api/worker/sprites/claim' },
  {
    method: 'GET',
    url: `/api/worker/sprites/${NO_JOB}/source`,
    pattern: '/api/worker/sprites/:job_id/source',
    authed: 404,
  },
  emptyUpload(`/api/worker/sprites/${NO_JOB}/files/sprite_01.jpg`, '/api/worker/sprites/:job_id/files/:name'),
  ...(['publish', 'release'] as const).map((what) => ({
    method: 'POST' as const,
    url: `/api/worker/sprites/${NO_JOB}/${what}`,
    pattern: `/api/worker/sprites/:job_id/${what}`,
    authed: 404,
  })),
  {
    method: 'POST',
    url: `/api/worker/sprites/${NO_JOB}/complete`,
    pattern: '/api/worker/sprites/:job_id/complete',
    payload: { count: 1, interval: 1, tile_size: 5, frame_width: 160, frame_height: 90 },
    authed: 404,
  },
  {
    method: 'POST',
    url: `/api/worker/sprites/${NO_JOB}/fail`,
    pattern: '/api/worker/sprites/:job_id/fail',
    payload: { error_message: 'x' },
    authed: 404,
  },
  { method: 'POST', url: '/api/worker/transcription/claim', pattern: '/api/worker/transcription/claim' },
  {
    method: 'GET',
    url: `/api/worker/transcription/${NO_JOB}/source`,
    pattern: '/api/worker/transcription/:job_id/source',
    authed: 404,
  },
  emptyUpload(
    `/api/worker/transcription/${NO_JOB}/files/captions.vtt`,
    '/api/worker/transcription/:job_id/files/:name',
  ),
  {
    method: 'POST',
    url: `/api/worker/transcription/${NO_JOB}/release`,
    pattern: '/api/worker/transcription/:job_id/release',
    authed: 404,
  },
  {
    method: 'POST',
    url: `/api/worker/transcription/${NO_JOB}/progress`,
    pattern: '/api/worker/transcription/:job_id/progress',
    payload: { percent: 50 },
    authed: 404,
  },
  {
    method: 'POST',
    url: `/api/worker/transcription/${NO_JOB}/complete`,
    pattern: '/api/worker/transcription/:job_id/complete',
    payload: { text: 'hello', language: 'en', word_count: 1, duration_seconds: 1, cues: 1 },
    authed: 404,
  },
  {
    method: 'POST',
    url: `/api/worker/transcription/${NO_JOB}/fail`,
    pattern: '/api/worker/transcription/:job_id/fail',
    payload: { error_message: 'x', retry: false },
    authed: 404,
  },
  { method: 'POST', url: '/api/worker/reencode/claim', pattern: '/api/worker/reencode/claim' },
  {
    method: 'GET',
    url: `/api/worker/reencode/${NO_JOB}/source`,
    pattern: '/api/worker/reencode/:job_id/source',
    authed: 404,
  },
  emptyUpload(
    `/api/worker/reencode/${NO_JOB}/files/360p/seg_0000.m4s`,
    '/api/worker/reencode/:job_id/files/*',
  ),
  {
    method: 'POST',
    url: `/api/worker/reencode/${NO_JOB}/complete`,
    pattern: '/api/worker/reencode/:job_id/complete',
    payload: { qualities: [{ name: '360p', width: 640, height: 360, bitrate: 800 }], keep_original: false },
    authed: 404,
  },
  {
    method: 'POST',
    url: `/api/worker/reencode/${NO_JOB}/fail`,
    pattern: '/api/worker/reencode/:job_id/fail',
    payload: { error_message: 'x', retry: true },
    authed: 404,
  },
  {
    method: 'POST',
    url: `/api/worker/reencode/${NO_JOB}/release`,
    pattern: '/api/worker/reencode/:job_id/release',
    authed: 404,
  },
];
/** Routes that need X-Admin-Secret = the worker admin secret. */
export const ADMIN_ROUTES: Route[] = [
  {
    method: 'POST',
    url: '/api/worker/register',
    pattern: '/api/worker/register',
    payload: { worker_name: 'x' },
  },
  { method: 'GET', url: '/api/workers', pattern: '/api/workers' },
  {
    method: 'POST',
    url: '/api/workers/00000000-0000-4000-8000-000000000000/revoke',
    pattern: '/api/workers/:worker_id/revoke',
  },
];
export const PUBLIC_ROUTES = ['GET /api/health'];
