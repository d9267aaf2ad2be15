import { ESLint, type Linter } from 'eslint';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * The import rules of src/README.md are lint rules (eslint.config.js): these probes are linted with the
 * project's own config under the path they would have, so a rule that stops matching fails here. No file
 * is written; type-aware rules are left out (they need the file in the TypeScript project, and the import
 * rules do not use types).
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const RULES = new Set([
  'no-restricted-imports',
  '@typescript-eslint/no-restricted-imports',
  'no-restricted-syntax',
]);
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    ruleFilter: ({ ruleId }) => RULES.has(ruleId),
  });
});

async function lint(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages;
}

/** The rule ids reported for each line of the probe, in order (null for a line that passes). */
async function verdicts(file: string, lines: string[]): Promise<Array<string | null>> {
  const messages = await lint(file, lines.join('\n'));
  const fatal = messages.filter((m) => m.fatal);
  expect(fatal).toEqual([]);
  return lines.map((_, i) => messages.find((m) => m.line === i + 1)?.ruleId ?? null);
}

const IMPORT = 'no-restricted-imports';

describe('import rules (src/README.md, eslint.config.js)', () => {
  it('the worker imports no domain, database, HTTP or server code, by any relative path', async () => {
    const refused = [
      "import { DomainError } from '../domain/shared/errors.js';",
      "import type { SpriteJob } from '../domain/sprites/sprite-jobs.service.js';",
      "export { conflict } from '../domain/shared/errors.js';",
      "import { openDatabase } from '../db/database.js';",
      "import { sql } from 'kysely';",
      "import type { Container } from '../server/container.js';",
      "import { buildAdminApp } from '../http/admin-app.js';",
      "import Fastify from 'fastify';",
    ];
    expect(await verdicts('src/worker/__lint_probe__.ts', refused)).toEqual(refused.map(() => IMPORT));
    // One folder deeper, two levels up: the same rule.
    expect(
      await verdicts('src/worker/remote/__lint_probe__.ts', [
        "import { DomainError } from '../../domain/shared/errors.js';",
        "import type { Database } from '../../db/database.types.js';",
      ]),
    ).toEqual([IMPORT, IMPORT]);
  });

  it('a worker file that keeps to media, storage, config, contracts and its own modules passes', async () => {
    const messages = await lint(
      'src/worker/__lint_probe__.ts',
      [
        "import http from 'node:http';",
        "import type { Config } from '../config/load-config.js';",
        "import type { SpriteJob } from '../contracts/sprite-job.js';",
        "import { probeMedia } from '../media/probe.js';",
        "import { SPRITES_DIR } from '../storage/storage-layout.js';",
        "import { WorkerApiError } from './worker-errors.js';",
        "import { createWorkerApiClient } from './remote/worker-api-client.js';",
        'export type Probe = [Config, SpriteJob];',
        'export const probe = [http, probeMedia, SPRITES_DIR, WorkerApiError, createWorkerApiClient];',
      ].join('\n'),
    );
    expect(messages).toEqual([]);
  });

  it('media/ and storage/ are node only', async () => {
    const refused = [
      "import { openDatabase } from '../db/database.js';",
      "import { DomainError } from '../domain/shared/errors.js';",
      "import { buildAdminApp } from '../http/admin-app.js';",
      "import { createContainer } from '../server/container.js';",
      "import { ABANDON } from '../worker/job-runners.js';",
    ];
    expect(await verdicts('src/media/__lint_probe__.ts', refused)).toEqual(refused.map(() => IMPORT));
    expect(await verdicts('src/storage/__lint_probe__.ts', refused)).toEqual(refused.map(() => IMPORT));
    expect(
      await verdicts('src/media/__lint_probe__.ts', ["import { rename } from 'node:fs/promises';"]),
    ).toEqual([null]);
  });

  it('routes go through services: no repository, no database handle, no Kysely', async () => {
    const lines = [
      "import { SPRITE_JOB_STATUSES } from '../../../domain/sprites/sprite-queue.repository.js';",
      "import type { VideoRepository } from '../../../domain/videos/video.repository.js';",
      "import type { Database } from '../../../db/database.types.js';",
      "import { sql } from 'kysely';",
      "import type { SpriteService } from '../../../domain/sprites/sprite.service.js';",
      "import { QUEUE_PRIORITIES } from '../../../domain/sprites/sprite-queue.types.js';",
    ];
    expect(await verdicts('src/http/routes/admin/__lint_probe__.routes.ts', lines)).toEqual([
      IMPORT,
      IMPORT,
      IMPORT,
      IMPORT,
      null,
      null,
    ]);
  });

  it('domain/ imports nothing from Fastify or http/', async () => {
    const lines = [
      "import type { FastifyRequest } from 'fastify';",
      "import multipart from '@fastify/multipart';",
      "import { errors } from '../../http/schemas/common.schemas.js';",
      "import type { Kysely } from 'kysely';",
      "import type { Database } from '../../db/database.types.js';",
      "import type { StorageLayout } from '../../storage/storage-layout.js';",
    ];
    expect(await verdicts('src/domain/videos/__lint_probe__.service.ts', lines)).toEqual([
      IMPORT,
      IMPORT,
      IMPORT,
      null,
      null,
      null,
    ]);
  });

  it('web/ takes only types, and only from src/contracts', async () => {
    const WEB = '@typescript-eslint/no-restricted-imports';
    const lines = [
      "import type { VideoDetail } from '../../../src/contracts/api/video.contract.js';",
      "export type { Setting } from '../../../src/contracts/api/settings.contract.js';",
      "import type { Static } from '@sinclair/typebox';",
      "import { VideoDetail as Schema } from '../../../src/contracts/api/video.contract.js';",
      "import { Type } from '@sinclair/typebox';",
      "import type { VideoService } from '../../../src/domain/videos/video.service.js';",
      "import { errors } from '../../../src/http/schemas/common.schemas.js';",
      "import { formatDuration } from '../shared/format.js';",
    ];
    expect(await verdicts('web/src/admin/__lint_probe__.ts', lines)).toEqual([
      null,
      null,
      null,
      WEB,
      WEB,
      WEB,
      WEB,
      null,
    ]);
  });

  it('SQL lives in repositories: a query in a service is refused, the same query in a repository passes', async () => {
    const code = [
      "import { sql, type Kysely } from 'kysely';",
      "import type { Database } from '../../db/database.types.js';",
      'export const find = (db: Kysely<Database>) =>',
      "  db.selectFrom('videos').select('id').where(sql<boolean>`true`).execute();",
    ];
    const inService = await lint('src/domain/videos/__lint_probe__.service.ts', code.join('\n'));
    expect(inService.map((m) => [m.line, m.ruleId])).toEqual([
      [1, 'no-restricted-syntax'],
      [4, 'no-restricted-syntax'],
      [4, 'no-restricted-syntax'],
    ]);
    expect(await lint('src/domain/videos/__lint_probe__.repository.ts', code.join('\n'))).toEqual([]);
  });

  it('the source tree keeps every rule', async () => {
    const results = await eslint.lintFiles(['src', 'web/src']);
    expect(results.length).toBeGreaterThan(150);
    const broken = results.flatMap((r) =>
      r.messages.map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`),
    );
    expect(broken).toEqual([]);
  });
});
