import type { FastifyInstance } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParam } from '../../contracts/api/common.contract.js';
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
  /** Error statuses besides the group's, and 400, which a route with params, query or body answers anyway. */
  fails?: number[];
}

/**
 * The Fastify `schema` of each route of a group (one tag, the same security, the same error statuses
 * everywhere): the route names only what is its own, and every error status answers `{detail}`. A route
 * that validates input documents its 400.
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
    const validates = spec.params !== undefined || spec.querystring !== undefined || spec.body !== undefined;
    const codes = [...new Set([...(validates ? [400] : []), ...(group.fails ?? []), ...fails])].sort(
      (a, b) => a - b,
    );
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

/** Admin routes: the secret header or a session; 401 without either, 403 on a wrong secret or CSRF token. */
export const adminSchemas = (tags: string[]) =>
  routeSchemas({ tags, security: ADMIN_SECURITY, fails: [401, 403] });

/** An admin route plugin's start: the app typed by the route schemas, and the schema builder of its tags. */
export const adminRouter = (fastify: FastifyInstance, tags: string[]) => ({
  app: fastify.withTypeProvider<TypeBoxTypeProvider>(),
  schema: adminSchemas(tags),
});

/** A route on one row named by its numeric id (`:id`): 404 when there is none. */
export const byId = { params: IdParam, fails: [404] };
