import type { TSchema } from '@sinclair/typebox';
import { ADMIN_SECURITY, errors } from './common.schemas.js';

/** What one route declares: its inputs, its 200 answer and the error statuses it may answer. */
interface RouteSpec<P, Q, B, R> {
  summary?: string;
  description?: string;
  consumes?: string[];
  params?: P;
  querystring?: Q;
  body?: B;
  ok: R;
  /** Error statuses besides the ones every route of the group answers. */
  fails?: number[];
}

/**
 * The Fastify `schema` of each route of a group (one tag, the same security, the same error statuses
 * everywhere): the route names only what is its own, and every error status answers `{detail}`.
 */
export function routeSchemas(group: {
  tags: string[];
  security?: Array<Record<string, string[]>>;
  fails?: number[];
}) {
  return <
    R extends TSchema,
    P extends TSchema | undefined = undefined,
    Q extends TSchema | undefined = undefined,
    B extends TSchema | undefined = undefined,
  >(
    spec: RouteSpec<P, Q, B, R>,
  ) => {
    const { ok, fails = [], ...rest } = spec;
    const codes = [...new Set([...(group.fails ?? []), ...fails])].sort((a, b) => a - b);
    return {
      tags: group.tags,
      ...(group.security && { security: group.security }),
      ...rest,
      response: { 200: ok, ...errors(...codes) },
    } as {
      tags: string[];
      security?: Array<Record<string, string[]>>;
      params: P;
      querystring: Q;
      body: B;
      response: { 200: R } & Record<number, TSchema>;
    };
  };
}

/** Admin routes: both credentials accepted, 401 without one and 403 on a bad CSRF token. */
export const adminSchemas = (tags: string[]) =>
  routeSchemas({ tags, security: ADMIN_SECURITY, fails: [401, 403] });
