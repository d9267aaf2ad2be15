import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, from src/server (tsx) or dist/server (compiled) alike. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIR = path.join(PACKAGE_ROOT, 'dist', 'web');
/** Migrated embedded-database template made by `npm run build` (scripts/build-db-template.mjs). */
export const PGLITE_TEMPLATE = path.join(PACKAGE_ROOT, 'dist', 'pglite-template.tar');
