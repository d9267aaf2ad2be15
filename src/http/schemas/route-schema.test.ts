import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { ErrorBody, IdParam, StatusOk } from '../../contracts/api/common.contract.js';
import { ADMIN_SECURITY } from './common.schemas.js';
import { adminSchemas, byId, routeSchemas } from './route-schema.js';

describe('route schemas', () => {
  it('an admin route documents its 200, the 401/403 of every admin route, its security and tags', () => {
    const schema = adminSchemas(['videos'])({ summary: 'List', ok: StatusOk });
    expect(schema).toEqual({
      tags: ['videos'],
      security: ADMIN_SECURITY,
      summary: 'List',
      response: { 200: StatusOk, 401: ErrorBody, 403: ErrorBody },
    });
  });

  it('a route with params, query or body answers 400 too; its own statuses join in order, once', () => {
    const schema = adminSchemas(['videos']);
    expect(Object.keys(schema({ ...byId, ok: StatusOk, fails: [409, 404] }).response)).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
    ]);
    const query = Type.Object({ limit: Type.Integer() });
    expect(Object.keys(schema({ querystring: query, ok: StatusOk, fails: [400] }).response)).toEqual([
      '200',
      '400',
      '401',
      '403',
    ]);
    expect(schema({ body: query, ok: StatusOk }).body).toBe(query);
    expect(schema({ ...byId, ok: StatusOk }).params).toBe(IdParam);
  });

  it('a public route has no security and only the statuses it names', () => {
    const schema = routeSchemas({ tags: ['categories'] })({ ok: StatusOk, fails: [404] });
    expect(schema).toEqual({ tags: ['categories'], response: { 200: StatusOk, 404: ErrorBody } });
    expect('security' in schema).toBe(false);
  });
});
