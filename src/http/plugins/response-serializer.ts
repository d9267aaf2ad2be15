import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

/**
 * Response serializers built from the route schemas with their scalar unions made plain types. TypeBox writes
 * `Nullable(String())` and a list of literals as `anyOf`, and fast-json-stringify serializes an `anyOf` by
 * running Ajv over the value for each option in turn: every timestamp of a list item was checked against the
 * date-time format on the way out (about a tenth of the public list's server CPU in bench/discovery.ts). A
 * union of scalars needs no such check: `type: ['string', 'null']` picks the branch by `typeof`. The route
 * schemas themselves (validation, OpenAPI) are left as they are; only the serializer sees the copy.
 */
type Schema = Record<string, unknown>;

const SCALAR_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null']);
/** Keywords that make an option more than a scalar type. */
const STRUCTURAL = ['anyOf', 'oneOf', 'allOf', 'not', '$ref', 'properties', 'items', 'if'];

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeOfValue(v: unknown): string | null {
  if (v === null) return 'null';
  if (typeof v === 'string' || typeof v === 'boolean') return typeof v;
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return null;
}

/** The JSON types a union option stands for when it is a plain scalar (a type, a const or an enum); else null. */
function scalarTypes(option: Schema): string[] | null {
  if (STRUCTURAL.some((k) => k in option)) return null;
  const types =
    'const' in option
      ? [typeOfValue(option.const)]
      : Array.isArray(option.enum)
        ? option.enum.map(typeOfValue)
        : [option.type].flat();
  return types.length > 0 && types.every((t) => typeof t === 'string' && SCALAR_TYPES.has(t))
    ? (types as string[])
    : null;
}

/** `anyOf` of scalars → one schema with a type list (and the string options' format when they agree). */
function plainUnion(schema: Schema, options: Schema[]): Schema | null {
  const types = options.map(scalarTypes);
  if (types.some((t) => t === null)) return null;
  const unique = [...new Set(types.flat() as string[])];
  const formats = new Set(options.filter((o) => [o.type].flat().includes('string')).map((o) => o.format));
  const siblings = { ...schema };
  delete siblings.anyOf;
  const format = formats.size === 1 ? [...formats][0] : undefined;
  return { ...siblings, type: unique.length === 1 ? unique[0] : unique, ...(format ? { format } : {}) };
}

/** A copy of a response schema with every union of scalars made a plain type list. */
export function plainScalarUnions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainScalarUnions);
  if (!isSchema(value)) return value;
  const copy: Schema = {};
  for (const [key, v] of Object.entries(value))
    copy[key] = key === 'const' || key === 'enum' ? v : plainScalarUnions(v);
  if (Array.isArray(copy.anyOf)) return plainUnion(copy, copy.anyOf as Schema[]) ?? copy;
  return copy;
}

type SerializerFactory = ReturnType<typeof SerializerSelector>;

/** Fastify's default serializer factory, fed the plain-union copy of each route's response schema. */
export const buildPlainUnionSerializer: SerializerFactory = (externalSchemas, serializerOpts) => {
  const build = SerializerSelector()(externalSchemas, serializerOpts);
  return (route) => build({ ...route, schema: plainScalarUnions(route.schema) as typeof route.schema });
};
