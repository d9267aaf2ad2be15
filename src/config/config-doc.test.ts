import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderConfigDoc } from './config-doc.js';

describe('docs/configuration.md', () => {
  it('matches the config schema (run `npm run docs:config` after changing it)', async () => {
    const committed = await readFile(
      path.resolve(import.meta.dirname, '../../docs/configuration.md'),
      'utf8',
    );
    expect(committed).toBe(renderConfigDoc());
  });
});
