import type {
  BulkCustomFieldsBody,
  CustomFieldCreate,
  CustomFieldUpdate,
  FieldConstraints,
  FieldValues,
  VideoCustomFields,
} from '../../contracts/api/custom-field.contract.js';
import type { CustomFieldDefinitionUpdate } from '../../db/database.types.js';
import type { CategoryRepository } from '../categories/category.repository.js';
import { badRequest, notFound } from '../shared/errors.js';
import { slugOrDigest } from '../shared/slug.js';
import type { UnexpectedItemError } from '../videos/bulk/bulk-result.js';
import { decodeValue, toCustomFieldResponse, type FieldDefinition } from './custom-field.mapper.js';
import { bulkSetCustomFields } from './custom-field-bulk.js';
import type { CustomFieldRepository, FieldScope } from './custom-field.repository.js';
import { checkDefinition, validateFieldValues } from './field-values.js';

const FIELD_NOT_FOUND = 'Custom field not found';

/** The name trimmed and its slug (names without ASCII letters get a digest slug, as categories do). */
function named(raw: string): { name: string; slug: string } {
  const name = raw.trim();
  if (!name) throw badRequest('Field name is required');
  const slug = slugOrDigest(name, { fallback: 'field', maxLength: 100 });
  if (!slug) throw badRequest('Field name must contain letters or digits');
  return { name, slug };
}

const duplicate = (categoryId: number | null) =>
  badRequest(
    `A field with this name already exists in ${categoryId === null ? 'the global fields' : 'this category'}`,
  );

/** Constraints as stored: only the keys given, none at all as NULL. */
function storedConstraints(c: FieldConstraints | null | undefined): string | null {
  const kept = Object.fromEntries(Object.entries(c ?? {}).filter(([, v]) => v !== undefined));
  return Object.keys(kept).length > 0 ? JSON.stringify(kept) : null;
}

const trimmedOptions = (options: string[] | null | undefined) => options?.map((o) => o.trim()) ?? null;

function refuseIfAny(errors: string[]): void {
  if (errors.length > 0) throw badRequest(errors.join('; '));
}

/** Field scope of `GET /api/custom-fields?category_id=`: absent ⇒ all, 0 ⇒ global, N ⇒ global + N. */
export const scopeOf = (categoryId: number | undefined): FieldScope =>
  categoryId === undefined
    ? { kind: 'all' }
    : categoryId === 0
      ? { kind: 'global' }
      : { kind: 'category', categoryId };

/** Custom field definitions and a video's values (api-admin.md §7). */
export function createCustomFieldService(deps: {
  fields: CustomFieldRepository;
  categories: CategoryRepository;
  /** Told about a bulk item's failure that is not a refusal, for the server log. */
  onUnexpected: UnexpectedItemError;
}) {
  const { fields, categories } = deps;

  async function requireField(id: number): Promise<FieldDefinition> {
    const field = await fields.find(id);
    if (!field) throw notFound(FIELD_NOT_FOUND);
    return field;
  }

  async function requireVideo(videoId: number) {
    const [video] = await fields.videos([videoId]);
    if (!video) throw notFound('Video not found');
    return video;
  }

  async function videoFields(videoId: number): Promise<VideoCustomFields> {
    const video = await requireVideo(videoId);
    const scope: FieldScope =
      video.category_id === null ? { kind: 'global' } : { kind: 'category', categoryId: video.category_id };
    const [definitions, values] = await Promise.all([fields.list(scope), fields.values(videoId)]);
    const stored = new Map(values.map((v) => [v.field_id, decodeValue(v.value)]));
    return {
      video_id: videoId,
      fields: definitions.map((d) => ({
        field_id: d.id,
        field_slug: d.slug,
        field_name: d.name,
        field_type: d.field_type,
        value: stored.get(d.id) ?? null,
        required: d.required,
        options: d.options,
        constraints: d.constraints,
        description: d.description,
      })),
    };
  }

  return {
    async list(categoryId: number | undefined) {
      const list = (await fields.list(scopeOf(categoryId))).map(toCustomFieldResponse);
      return { fields: list, total_count: list.length };
    },

    get: async (id: number) => toCustomFieldResponse(await requireField(id)),

    async create(input: CustomFieldCreate) {
      const { name, slug } = named(input.name);
      const categoryId = input.category_id ?? null;
      if (categoryId !== null && !(await categories.exists(categoryId)))
        throw badRequest('Category not found');
      const options = trimmedOptions(input.options);
      const constraints = input.constraints ?? null;
      refuseIfAny(checkDefinition({ field_type: input.field_type, options, constraints }));
      const id = await fields.insert({
        name,
        slug,
        field_type: input.field_type,
        options: options === null ? null : JSON.stringify(options),
        required: input.required,
        category_id: categoryId,
        position: input.position,
        constraints: storedConstraints(constraints),
        description: input.description ?? null,
      });
      if (id === null) throw duplicate(categoryId);
      return toCustomFieldResponse(await requireField(id));
    },

    async update(id: number, input: CustomFieldUpdate) {
      const field = await requireField(id);
      if (Object.values(input).every((v) => v === undefined)) throw badRequest('No update values provided');
      const changes: CustomFieldDefinitionUpdate = {};
      if (input.name !== undefined) {
        Object.assign(changes, named(input.name));
        if (await fields.slugTaken(changes.slug as string, field.category_id, id))
          throw duplicate(field.category_id);
      }
      const options = input.options === undefined ? field.options : trimmedOptions(input.options);
      const constraints = input.constraints === undefined ? field.constraints : input.constraints;
      refuseIfAny(checkDefinition({ field_type: field.field_type, options, constraints }));
      if (input.options !== undefined) changes.options = options === null ? null : JSON.stringify(options);
      if (input.constraints !== undefined) changes.constraints = storedConstraints(constraints);
      if (input.required !== undefined) changes.required = input.required;
      if (input.position !== undefined) changes.position = input.position;
      if (input.description !== undefined) changes.description = input.description;
      await fields.update(id, changes);
      return toCustomFieldResponse(await requireField(id));
    },

    async delete(id: number) {
      const affected = await fields.delete(id);
      if (affected === null) throw notFound(FIELD_NOT_FOUND);
      return { status: 'ok', affected_videos: affected };
    },

    videoFields,

    /** Validates every value first (all problems in one 400), then writes them in one transaction. */
    async setVideoFields(videoId: number, values: FieldValues) {
      const video = await requireVideo(videoId);
      const { entries, errors } = validateFieldValues({
        definitions: await fields.list({ kind: 'all' }),
        values,
        categoryId: video.category_id,
      });
      refuseIfAny(errors);
      if (!(await fields.setValues(videoId, entries, { archived: true }))) throw notFound('Video not found');
      return videoFields(videoId);
    },

    bulkSet: (body: BulkCustomFieldsBody) =>
      bulkSetCustomFields({ fields, onUnexpected: deps.onUnexpected }, body),
  };
}

export type CustomFieldService = ReturnType<typeof createCustomFieldService>;
