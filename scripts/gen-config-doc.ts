// Regenerates docs/configuration.md from the config schema (`npm run docs:config`).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderConfigDoc } from '../src/config/config-doc.js';

await writeFile(path.resolve(import.meta.dirname, '../docs/configuration.md'), renderConfigDoc());
