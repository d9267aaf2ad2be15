// Builds dist/pglite-template.tar: an embedded database with every migration applied, so a first
// `vlog serve` on an empty data dir extracts it instead of running PGlite's slow initdb.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dumpPGlite, openDatabase } from '../dist/db/database.js';
import { migrate } from '../dist/db/migrate.js';
import { PGLITE_TEMPLATE } from '../dist/server/paths.js';

const dir = await mkdtemp(path.join(os.tmpdir(), 'vlog-db-template-'));
try {
  const handle = await openDatabase({ databaseUrl: '', dataDir: dir });
  await migrate(handle.db);
  await handle.close();
  const blob = await dumpPGlite(dir);
  await writeFile(PGLITE_TEMPLATE, Buffer.from(await blob.arrayBuffer()));
} finally {
  await rm(dir, { recursive: true, force: true });
}
