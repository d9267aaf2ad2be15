// Regenerates docs/settings.md from the settings catalogue (`npx tsx scripts/gen-settings-doc.ts`).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderSettingsDoc } from '../src/domain/settings/settings-doc.js';

await writeFile(path.resolve(import.meta.dirname, '../docs/settings.md'), renderSettingsDoc());
