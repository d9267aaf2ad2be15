/**
 * Public list and search latency (issue 12 targets): seeds 10,000 published videos on PostgreSQL and 1,000 on
 * the embedded PGlite (bench/lib/discovery-seed.ts), starts the compiled `vlog serve` on them in its own
 * process (rate limits off; `npm run build` first), and drives each scenario from this process with 16
 * concurrent keep-alive HTTP clients (bench/lib/http-load.ts, lean enough not to crowd the server's CPU). Every scenario cycles
 * through many distinct queries (pages, categories, tags, field values, words), so with the cache off every
 * request is a database query; the cache-on run shows what the 30 s cache adds on the same mix.
 * Before measuring, the seeded tables are compacted (as a live site's autovacuum keeps them) and every scenario
 * is run 200 times (JIT, the pool's prepared statements, plan caches): a server that has run a while.
 * Prints p50 / p99 per scenario. Targets (2-core machine): lists p99 < 50 ms, search p99 < 100 ms.
 *
 * Usage: npm run bench:discovery -- [--requests 1600] [--driver postgres|pglite|both] [--explain]
 * (needs PostgreSQL as for the tests: VLOG_TEST_POSTGRES_URL or postgresql://postgres@127.0.0.1:5432/postgres)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase, type DatabaseDriver, type DatabaseHandle } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { createTestDb, prepareTemplates } from '../test/helpers/test-db.js';
import { CATEGORY_COUNT, GENRES, seedCatalogue, TAG_COUNT, WORDS } from './lib/discovery-seed.js';
import { cpuNow, cpuPerRequest } from './lib/cpu-split.js';
import { drive } from './lib/http-load.js';
import { loadAvg, percentile, table } from './lib/stats.js';
import { startServer, stopServer } from './lib/vlog-server.js';

const { values: flags } = parseArgs({
  options: {
    requests: { type: 'string', default: '1600' },
    driver: { type: 'string', default: 'both' },
    explain: { type: 'boolean', default: false },
  },
});
const REQUESTS = Math.max(16, Number(flags.requests));
const CONCURRENCY = 16;
/** Per scenario: enough for each of the pool's 10 connections to run each query shape 5+ times. */
const WARM_UP_REQUESTS = 200;
const SIZES: Record<DatabaseDriver, number> = { postgres: 10_000, pglite: 1_000 };

/** Each scenario: the n-th request's URL, varied so consecutive requests rarely repeat a query. */
const SCENARIOS: Array<{ name: string; kind: 'list' | 'search'; url: (n: number) => string }> = [
  { name: 'list: default', kind: 'list', url: (n) => `/api/videos?limit=24&offset=${(n % 40) * 24}` },
  {
    name: 'list: by category',
    kind: 'list',
    url: (n) => `/api/videos?category=category-${1 + (n % CATEGORY_COUNT)}&limit=24&offset=${(n % 7) * 24}`,
  },
  {
    name: 'list: by tag',
    kind: 'list',
    url: (n) => `/api/videos?tag=tag-${1 + (n % TAG_COUNT)}&limit=24&offset=${(n % 5) * 24}`,
  },
  {
    name: 'list: by custom field',
    kind: 'list',
    url: (n) => `/api/videos?custom.genre=${GENRES[n % GENRES.length]}&limit=24&offset=${(n % 9) * 24}`,
  },
  {
    name: 'list: filters + total',
    kind: 'list',
    url: (n) =>
      `/api/videos?tag=tag-${1 + (n % TAG_COUNT)}&duration=${['short', 'medium', 'long'][n % 3]}` +
      `&sort=${['date', 'views', 'title', 'duration'][n % 4]}&include_total=true&limit=24`,
  },
  {
    name: 'search: one word',
    kind: 'search',
    url: (n) => `/api/videos?search=${WORDS[n % WORDS.length]}&limit=24`,
  },
  {
    name: 'search: two words',
    kind: 'search',
    url: (n) => `/api/videos?search=${WORDS[n % WORDS.length]}+${WORDS[(n * 7 + 3) % WORDS.length]}&limit=24`,
  },
  {
    name: 'search: prefix / misspelt',
    kind: 'search',
    url: (n) => {
      const w = WORDS[n % WORDS.length]!;
      // A prefix, or the word with two letters swapped (the trigram fallback).
      const typo = w.slice(0, 2) + w[3] + w[2] + w.slice(4);
      return `/api/videos?search=${n % 2 ? w.slice(0, 4) : typo}&limit=24&include_total=true`;
    },
  },
];

/** `vlog serve` on the seeded database (PostgreSQL URL, or the PGlite files already in `dataDir`). */
async function serve(dataDir: string, databaseUrl: string, cacheSeconds: number) {
  const server = await startServer(dataDir, {
    VLOG_DATABASE_URL: databaseUrl,
    VLOG_PUBLIC_LIST_CACHE_SECONDS: String(cacheSeconds),
  });
  return { port: Number(new URL(server.publicUrl).port), pid: server.pid, close: () => stopServer(server) };
}

/** The plans of a one-word search's page and of the misspelling look-up (with --explain). */
async function explain(db: DatabaseHandle) {
  const query = sql`(select vlog_search_query(array['guitar']))`;
  const plans = [
    sql`explain analyze select sd.video_id from video_search_documents sd
      where sd.public_at is not null and sd.document @@ ${query}
      order by ts_rank(sd.document, ${query}) desc, sd.public_at desc limit 25`,
    sql`explain analyze select word from search_words order by word <-> 'gutiar' limit 6`,
  ];
  for (const plan of plans) {
    const rows = (await plan.execute(db.db)).rows as Array<Record<string, string>>;
    console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
}

async function benchDriver(driver: DatabaseDriver) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vlog-bench-discovery-'));
  // PostgreSQL: a clone of the migrated template; PGlite: the files `vlog serve` will open in dataDir.
  const clone = driver === 'postgres' ? await createTestDb(driver) : null;
  const db = clone ?? (await openDatabase({ databaseUrl: '', dataDir }));
  try {
    if (!clone) await migrate(db.db);
    const seedMs = await seedCatalogue(db.db, SIZES[driver]);
    console.log(`\n${driver}: ${SIZES[driver]} published videos seeded in ${(seedMs / 1000).toFixed(1)} s`);
    if (flags.explain) await explain(db);
    // PGlite allows one process at a time: the server's.
    if (!clone) await db.close();
    const rows: string[][] = [];
    for (const cacheSeconds of [0, 30]) {
      const server = await serve(dataDir, clone?.url ?? '', cacheSeconds);
      try {
        // Warm-up, as a server that has run a while: JIT, the pool's connections, their prepared statements
        // and plan caches (each query shape on each connection), shared buffers.
        for (const s of SCENARIOS) await drive(server.port, s.url, WARM_UP_REQUESTS, CONCURRENCY);
        for (const s of SCENARIOS) {
          const before = cpuNow(server.pid);
          const ms = await drive(server.port, s.url, REQUESTS, CONCURRENCY);
          const cpu = cpuPerRequest(before, cpuNow(server.pid), REQUESTS);
          const target = s.kind === 'list' ? 50 : 100;
          const p99 = percentile(ms, 99);
          rows.push([
            s.name,
            cacheSeconds ? 'on' : 'off',
            percentile(ms, 50).toFixed(1),
            p99.toFixed(1),
            `< ${target}`,
            p99 < target ? 'ok' : 'MISSED',
            // PGlite runs inside the server's process: its CPU is the server's.
            driver === 'postgres' ? `${cpu.server} · ${cpu.postgres}` : cpu.server,
          ]);
        }
      } finally {
        await server.close();
      }
    }
    const cpuHeader = driver === 'postgres' ? 'CPU ms/req server · PG' : 'CPU ms/req server';
    console.log(table(['scenario', 'cache', 'p50 ms', 'p99 ms', 'target', '', cpuHeader], rows));
  } finally {
    await clone?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await prepareTemplates();
console.log(
  `${REQUESTS} requests per scenario, ${CONCURRENCY} concurrent clients; load average ${loadAvg()}`,
);
const drivers: DatabaseDriver[] =
  flags.driver === 'both' ? ['postgres', 'pglite'] : [flags.driver as DatabaseDriver];
for (const driver of drivers) await benchDriver(driver);
console.log(`load average after: ${loadAvg()}`);
