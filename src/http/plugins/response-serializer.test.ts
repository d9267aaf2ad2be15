import { Type } from '@sinclair/typebox';
import fastJsonStringify from 'fast-json-stringify';
import { describe, expect, it } from 'vitest';
import { DateTime, literals, Nullable } from '../../contracts/schema-blocks.js';
import { plainScalarUnions } from './response-serializer.js';

describe('plainScalarUnions', () => {
  it('turns unions of scalars into type lists, keeping formats, descriptions and non-scalar unions', () => {
    const schema = Type.Object({
      at: DateTime(),
      title: Nullable(Type.String({ description: 'Title' })),
      status: literals(['ready', 'failed']),
      level: Nullable(Type.Union([Type.Literal(1), Type.Literal(2)])),
      either: Type.Union([Type.Object({ a: Type.String() }), Type.Null()]),
      list: Type.Array(Nullable(Type.Integer())),
    });
    const plain = plainScalarUnions(schema) as { properties: Record<string, unknown> };
    expect(plain.properties.at).toEqual({ type: ['string', 'null'], format: 'date-time' });
    expect(plain.properties.title).toEqual({ type: ['string', 'null'] });
    expect(plain.properties.status).toEqual({ type: 'string' });
    expect(plain.properties.level).toEqual({ type: ['integer', 'null'] });
    expect(plain.properties.either).toHaveProperty('anyOf');
    expect(plain.properties.list).toEqual({ type: 'array', items: { type: ['integer', 'null'] } });
    // The route's own schema (validation, OpenAPI) is not touched.
    expect(schema.properties.at).toHaveProperty('anyOf');
  });

  it('serializes what the anyOf schema serialized', () => {
    const schema = Type.Object({
      at: DateTime(),
      title: Nullable(Type.String()),
      status: literals(['ready', 'failed']),
      n: Nullable(Type.Integer()),
      either: Type.Union([Type.Object({ a: Type.String() }), Type.Null()]),
    });
    const before = fastJsonStringify(schema);
    const after = fastJsonStringify(plainScalarUnions(schema) as object);
    for (const doc of [
      {
        at: '2026-12-07T05:00:00.000Z',
        title: 'a "quoted" title',
        status: 'ready',
        n: 3,
        either: { a: 'x' },
      },
      { at: null, title: null, status: 'failed', n: null, either: null },
    ]) {
      expect(after(doc)).toBe(before(doc));
      expect(JSON.parse(after(doc))).toEqual(doc);
    }
  });
});
