import { Type, type Static } from '@sinclair/typebox';
import { literals, Nullable } from './common.contract.js';

/** Runtime settings (api-admin.md §14, pipeline.md §20). */

export const SETTING_VALUE_TYPES = ['string', 'integer', 'float', 'boolean', 'enum', 'json'] as const;
export type SettingValueType = (typeof SETTING_VALUE_TYPES)[number];

/**
 * A number or null, as a type list: Ajv coerces (coerceTypes) only when no listed type matches, where a
 * nullable anyOf would turn a null into 0 in its number branch. Bounded like every numeric request field,
 * which is what refuses ±Infinity (app-base.ts).
 */
const numberOrNull = (options: object = {}) =>
  Type.Unsafe<number | null>({
    type: ['number', 'null'],
    minimum: -Number.MAX_SAFE_INTEGER,
    maximum: Number.MAX_SAFE_INTEGER,
    ...options,
  });
const integerOrNull = () =>
  Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 0, maximum: 1_000_000 });

/** Validation constraints: every field present (null when unset) in answers, any subset in requests. */
const ConstraintsOut = Type.Object({
  min: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  min_length: Nullable(Type.Integer()),
  max_length: Nullable(Type.Integer()),
  pattern: Nullable(Type.String()),
  enum_values: Nullable(Type.Array(Type.String())),
});
const ConstraintsIn = Type.Partial(
  Type.Object({
    min: numberOrNull(),
    max: numberOrNull(),
    min_length: integerOrNull(),
    max_length: integerOrNull(),
    pattern: Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 1000 }),
    enum_values: Type.Unsafe<string[] | null>({
      type: ['array', 'null'],
      items: { type: 'string', maxLength: 255 },
      maxItems: 200,
    }),
  }),
);

export const SettingValue = Type.Unknown({
  description: 'The value, of the setting’s value_type (any JSON)',
});

export const Setting = Type.Object({
  key: Type.String(),
  value: SettingValue,
  category: Type.String(),
  value_type: Type.String(),
  description: Nullable(Type.String()),
  constraints: Nullable(ConstraintsOut),
  updated_at: Nullable(Type.String({ format: 'date-time' })),
  updated_by: Nullable(Type.String()),
});
export type Setting = Static<typeof Setting>;

export const SettingKeyParam = Type.Object({ key: Type.String({ minLength: 1, maxLength: 255 }) });

export const SettingCreate = Type.Object({
  key: Type.String({ maxLength: 255, pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$' }),
  value: SettingValue,
  category: Type.String({ minLength: 1, maxLength: 100 }),
  value_type: Type.Optional(literals(SETTING_VALUE_TYPES)),
  description: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 10_000 })),
  constraints: Type.Optional(Nullable(ConstraintsIn)),
});
export type SettingCreate = Static<typeof SettingCreate>;

export const SettingImport = Type.Object({
  settings: Type.Array(SettingCreate, { maxItems: 1000 }),
  overwrite: Type.Boolean({ default: false }),
});
export type SettingImport = Static<typeof SettingImport>;

export const ImportResult = Type.Object({
  status: Type.String(),
  created: Type.Integer(),
  updated: Type.Integer(),
  skipped: Type.Integer(),
  errors: Type.Array(Type.Object({ key: Type.String(), error: Type.String() })),
});
export type ImportResult = Static<typeof ImportResult>;

export const SettingsExport = Type.Object({
  version: Type.String(),
  exported_at: Type.String({ format: 'date-time' }),
  settings: Type.Array(Setting),
});
export type SettingsExport = Static<typeof SettingsExport>;

export const SeedResult = Type.Object({
  status: Type.String(),
  seeded: Type.Integer(),
  skipped: Type.Integer(),
  details: Type.Array(
    Type.Object({
      key: Type.String(),
      status: Type.Union([Type.Literal('seeded'), Type.Literal('skipped'), Type.Literal('error')]),
      from_env: Type.Optional(Type.String()),
      value: Type.Optional(SettingValue),
      reason: Type.Optional(Type.String()),
    }),
  ),
});
export type SeedResult = Static<typeof SeedResult>;

export const CacheStats = Type.Object({
  loaded: Type.Boolean(),
  entry_count: Type.Integer(),
  ttl_seconds: Type.Number(),
  age_seconds: Nullable(Type.Number()),
  is_valid: Type.Boolean(),
});
export type CacheStats = Static<typeof CacheStats>;

/** GET /api/settings: every setting, grouped by category. */
export const SettingsByCategory = Type.Object({
  categories: Type.Record(Type.String(), Type.Array(Setting)),
});
export type SettingsByCategory = Static<typeof SettingsByCategory>;

export const SettingCategoryParam = Type.Object({ category: Type.String({ maxLength: 100 }) });
export const SettingCategory = Type.Object({ category: Type.String(), settings: Type.Array(Setting) });
export type SettingCategory = Static<typeof SettingCategory>;

export const SettingUpdateBody = Type.Object({ value: SettingValue });

/**
 * GET /api/settings/catalogue (not in the reference): every catalogued setting, stored or not, with its
 * effective value (database > environment > default) and where it comes from.
 */
export const CatalogueSetting = Type.Composite([
  Setting,
  Type.Object({
    default: SettingValue,
    source: Type.Union([Type.Literal('database'), Type.Literal('environment'), Type.Literal('default')]),
    env: Type.Array(Type.String(), {
      description: 'Environment variables read below the database, in order',
    }),
    env_variable: Nullable(
      Type.String({ description: 'The variable the value (or a refused value) came from' }),
    ),
    env_problem: Nullable(Type.String({ description: 'Why a set variable is not used' })),
    applies_to: Type.String({
      description: 'The behaviour it drives ("not yet built" when its feature does not exist)',
    }),
    read_by: Nullable(Type.Union([Type.Literal('server'), Type.Literal('worker')])),
  }),
]);
export type CatalogueSetting = Static<typeof CatalogueSetting>;
export const SettingsCatalogue = Type.Object({
  categories: Type.Record(Type.String(), Type.Array(CatalogueSetting)),
});
export type SettingsCatalogue = Static<typeof SettingsCatalogue>;
