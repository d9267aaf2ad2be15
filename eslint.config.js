import tseslint from 'typescript-eslint';

/*
 * The import rules of src/README.md, enforced. Each folder lists what it must not import; a pattern names
 * a folder by any relative path to it ('../domain/x.js', '../../domain/x.js'), so moving a file does not
 * slip past the rule. test/lint/import-rules.test.ts shows each rule failing on a probe.
 */
const folder = (name) => [`**/${name}/**`, `**/${name}`];
const DATABASE = [...folder('db'), 'kysely', 'kysely/*', 'pg', 'pg/*', '@electric-sql/*'];
const HTTP = [...folder('http'), 'fastify', 'fastify/*', '@fastify/*'];

const restrict = (...patterns) => ['error', { patterns }];
const no = (group, why) => ({ group, message: why });

const NODE_ONLY = (name) => [
  no(DATABASE, `${name} is node only: no database code.`),
  no(
    [...folder('domain'), ...folder('server'), ...folder('worker'), ...folder('cli')],
    `${name} is node only.`,
  ),
  no(HTTP, `${name} is node only: no HTTP code.`),
];

/** What each folder of src/ must not import (the folders of src/README.md). */
const FORBIDDEN = {
  config: [
    ...NODE_ONLY('config/'),
    no([...folder('media'), ...folder('storage'), ...folder('contracts')], 'config/ is node only.'),
  ],
  media: [
    ...NODE_ONLY('media/'),
    no(
      [...folder('storage'), ...folder('config'), ...folder('contracts')],
      'media/ is node only: callers pass paths and settings in.',
    ),
  ],
  storage: [
    ...NODE_ONLY('storage/'),
    no([...folder('media'), ...folder('config'), ...folder('contracts')], 'storage/ is node only.'),
  ],
  contracts: [
    ...NODE_ONLY('contracts/'),
    no([...folder('storage'), ...folder('config')], 'contracts/ holds types shared by server and worker.'),
  ],
  worker: [
    no(
      [...folder('domain'), ...folder('server'), ...folder('cli')],
      'The worker runs apart from the server: media/, storage/, config/ and contracts/ only (own errors in worker-errors.ts).',
    ),
    no(DATABASE, 'The worker reaches the database only through the worker API.'),
    no(HTTP, 'The worker is an HTTP client of the worker API, not part of the server (node:http is fine).'),
  ],
  db: [
    no(
      ['domain', 'http', 'server', 'worker', 'cli', 'media', 'storage'].flatMap(folder),
      'db/ is the drivers and migrations only.',
    ),
  ],
  domain: [
    no(
      HTTP,
      'Services import nothing from Fastify or http/: throw a DomainError, the error handler maps it.',
    ),
    no([...folder('server'), ...folder('worker'), ...folder('cli')], 'domain/ does not know who calls it.'),
  ],
  'http/routes': [
    no(
      ['**/*.repository', '**/*.repository.js', '**/*.query', '**/*.query.js'],
      'Routes call services, never repositories.',
    ),
    no(DATABASE, 'Routes hold no SQL and no database handle: go through a service.'),
  ],
};

const importRules = Object.entries(FORBIDDEN).map(([dir, groups]) => ({
  files: [`src/${dir}/**`],
  rules: { 'no-restricted-imports': restrict(...groups) },
}));

/*
 * The browser code reads the server's API only through its contracts, and only as types (typescript-eslint's
 * variant of the rule knows `import type`): nothing of the server or of TypeBox reaches a bundle.
 */
const webRules = {
  files: ['web/**'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          no(
            ['**/src/**', '!**/src/contracts/**'],
            'web/ imports nothing of the server: the API types are in src/contracts (web/src/shared/types.ts).',
          ),
          {
            ...no(
              ['**/src/contracts/**', '@sinclair/typebox', '@sinclair/typebox/*'],
              'web/ takes the contracts as types only (`import type`): no schema code in the bundles.',
            ),
            allowTypeImports: true,
          },
        ],
      },
    ],
  },
};

const NO_PROCESS_ENV = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Read configuration through src/config only.',
};
/** SQL lives in *.repository.ts (and the *.query.ts builders they use). */
const SQL_MESSAGE = 'SQL lives in *.repository.ts: move this query into the repository.';
const NO_SQL = [
  {
    selector:
      'CallExpression[callee.property.name=/^(selectFrom|selectNoFrom|updateTable|insertInto|replaceInto|deleteFrom|mergeInto)$/]',
    message: SQL_MESSAGE,
  },
  { selector: "TaggedTemplateExpression[tag.name='sql']", message: SQL_MESSAGE },
  {
    selector: "ImportDeclaration[source.value='kysely'] ImportSpecifier[imported.name='sql']",
    message: SQL_MESSAGE,
  },
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'data/**', '.cache/**', '**/*.mjs', 'bin/**', 'eslint.config.js'],
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', NO_PROCESS_ENV],
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/db/**', 'src/**/*.repository.ts', 'src/**/*.query.ts'],
    rules: { 'no-restricted-syntax': ['error', NO_PROCESS_ENV, ...NO_SQL] },
  },
  ...importRules,
  webRules,
  {
    files: ['src/config/**', 'test/**', 'bench/**', 'vitest.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
