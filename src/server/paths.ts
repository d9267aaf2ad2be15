import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, from src/server (tsx) or dist/server (compiled) alike. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIR = path.join(PACKAGE_ROOT, 'dist', 'web');
