import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSettingsDoc } from './settings-doc.js';

describe('docs/settings.md', () => {
  it('matches the settings catalogue (run `npx tsx scripts/gen-settings-doc.ts` after changing it)', async () => {
    const committed = await readFile(path.resolve(import.meta.dirname, '../../../docs/settings.md'), 'utf8');
    expect(committed).toBe(renderSettingsDoc());
  });
});
