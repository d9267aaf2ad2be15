import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithoutSymlinks, safePathParts } from './safe-open.js';

describe('safePathParts', () => {
  it.each([
    ['slug/master.m3u8', ['slug', 'master.m3u8']],
    ['slug/720p/seg_0001.m4s', ['slug', '720p', 'seg_0001.m4s']],
  ])('%s', (p, parts) => expect(safePathParts(p)).toEqual(parts));

  it.each(['', 'slug//x', 'slug/../x', '../x', 'slug/./x', 'slug/.hidden', '.slug/x', 'a\\b', 'a/b\0'])(
    'refuses %j',
    (p) => expect(safePathParts(p)).toBeNull(),
  );
});

describe('openWithoutSymlinks', () => {
  let root: string;
  let outside: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'vlog-safe-open-'));
    outside = await mkdtemp(path.join(os.tmpdir(), 'vlog-safe-open-out-'));
    await writeFile(path.join(outside, 'secret'), 'secret');
    await mkdir(path.join(root, 'v', 'sub'), { recursive: true });
    await writeFile(path.join(root, 'v', 'sub', 'file'), 'data');
    await symlink(path.join(outside, 'secret'), path.join(root, 'v', 'file-link'));
    await symlink(outside, path.join(root, 'v', 'dir-link'));
    await symlink(path.join(root, 'v'), path.join(root, 'w'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('opens a regular file and stats it on the handle', async () => {
    const f = await openWithoutSymlinks(root, ['v', 'sub', 'file']);
    expect(f?.stat.size).toBe(4);
    expect((await f?.handle.readFile())?.toString()).toBe('data');
    await f?.handle.close();
  });

  it.each([
    [['v', 'file-link']],
    [['v', 'dir-link', 'secret']],
    [['w', 'sub', 'file']],
    [['v', 'sub']],
    [['v', 'missing']],
    [['v', 'sub', 'file', 'deeper']],
  ])('null for %j (a link at any depth, a directory, a missing file)', async (parts) => {
    expect(await openWithoutSymlinks(root, parts)).toBeNull();
  });
});
