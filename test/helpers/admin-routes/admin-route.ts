// One protected admin route as the guard test calls it (test/integration/admin-guard.test.ts).
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface AdminRoute {
  method: Method;
  /** Concrete URL to call. */
  url: string;
  /** Route pattern as Fastify registers it (for the coverage guard). */
  pattern: string;
  /** Server-Sent Events: never called with valid credentials (the stream would stay open). */
  stream?: boolean;
}

/** Values for the route parameters, so that each route is called at a concrete URL. */
const PARAM_VALUES: Record<string, string> = {
  id: '1',
  job_id: '1',
  worker_id: '00000000-0000-4000-8000-000000000000',
  category: 'workers',
  key: 'transcoding.hls_segment_duration',
  tag_id: '1',
  video_id: '1',
  chapter_id: '1',
  field_id: '1',
  did: '1',
};

/** A route by its Fastify pattern; its URL fills the parameters from PARAM_VALUES and adds `query`. */
export function route(
  method: Method,
  pattern: string,
  extra: { query?: string; stream?: true } = {},
): AdminRoute {
  const url = pattern.replace(/:(\w+)/g, (_match, name: string) => {
    const value = PARAM_VALUES[name];
    if (value === undefined) throw new Error(`No value for :${name} in PARAM_VALUES (admin-route.ts)`);
    return value;
  });
  return { method, pattern, url: url + (extra.query ?? ''), ...(extra.stream ? { stream: true } : {}) };
}
