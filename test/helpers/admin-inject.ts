// The admin API called in-process (app.inject) with the admin secret: plain requests and uploads of
// a stand-in file (the upload route stores any bytes; the worker decides later whether it is a video).
import { expect } from 'vitest';
import { multipart, TEST_ADMIN_SECRET, type TestApp } from './test-app.js';

export const ADMIN_AUTH = { 'x-admin-secret': TEST_ADMIN_SECRET };

/** Bytes that pass the upload route (a known extension is all it checks) but are no video. */
export const FAKE_VIDEO = Buffer.from('not really a video, the worker decides later\n'.repeat(20));

/** The answer of POST /api/videos (api-admin.md §5.2). */
export interface UploadBody {
  status: string;
  video_id: number;
  slug: string;
  message: string;
}

export interface UploadFile {
  name: string;
  content: Buffer;
  /** The multipart field; `file` unless given. */
  field?: string;
}

/** An admin request with the admin secret (and `headers`); `payload` (an object goes as JSON) when given. */
export const adminInject = (
  app: TestApp,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object | string,
  headers: Record<string, string> = {},
) =>
  app.adminApp.inject({
    method,
    url,
    headers: { ...ADMIN_AUTH, ...headers },
    ...(payload === undefined ? {} : { payload }),
  });

/** A multipart request (`fields` and, when given, `file`) to `url` with the admin secret. */
export const adminMultipart = (
  app: TestApp,
  url: string,
  fields: Record<string, string>,
  file?: UploadFile,
  options: { method?: 'POST' | 'PUT'; headers?: Record<string, string> } = {},
) => {
  const body = multipart(fields, file);
  return app.adminApp.inject({
    method: options.method ?? 'POST',
    url,
    payload: body.payload,
    headers: { ...body.headers, ...ADMIN_AUTH, ...options.headers },
  });
};

/** POST /api/videos with the admin secret: `fields` and, when given, `file` as multipart. */
export const uploadVideo = (app: TestApp, fields: Record<string, string>, file?: UploadFile) =>
  adminMultipart(app, '/api/videos', fields, file);

/** Uploads FAKE_VIDEO as `clip.mp4` under `title` (and `extra` fields), asserting a 200. */
export async function uploadFake(
  app: TestApp,
  title: string,
  extra: Record<string, string> = {},
): Promise<UploadBody> {
  const res = await uploadVideo(app, { title, ...extra }, { name: 'clip.mp4', content: FAKE_VIDEO });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<UploadBody>();
}

/** A request as the admin UI sends it: the session cookie and, for every method, its CSRF token. */
export const sessionInject = (
  app: TestApp,
  session: { cookie: string; csrf: string },
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) =>
  app.adminApp.inject({
    method,
    url,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    ...(payload ? { payload } : {}),
  });
