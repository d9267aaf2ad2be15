// Same-host transfers of the server's own local worker (worker type `local`): the claim names the source
// file in place, and finished files are handed over by path (hard link) through POST …/local-files —
// only for local workers, and only files inside the server's worker directory.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUpload } from '../../src/storage/file-moves.js';
import { createTestApp, uploadClip, type TestApp } from '../helpers/test-app.js';

interface Claim {
  job_id?: number;
  video_id?: number;
  video_slug?: string;
  local_source_path?: string | null;
}

describe('same-host transfers of the local worker (PGlite)', () => {
  let t: TestApp;
  let localKey: string;
  let remoteKey: string;
  let local: Claim;
  let remote: Claim;

  const claimAs = async (key: string) => {
    const res = await t.workerApp.inject({
      method: 'POST',
      url: '/api/worker/claim',
      headers: { 'x-worker-api-key': key },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Claim>();
  };
  const handOver = (key: string, jobId: number, files: Array<{ path: string; local_path: string }>) =>
    t.workerApp.inject({
      method: 'POST',
      url: `/api/worker/${jobId}/local-files`,
      headers: { 'x-worker-api-key': key },
      payload: { files },
    });

  beforeAll(async () => {
    t = await createTestApp('pglite');
    const registry = t.container.services.workerRegistry;
    localKey = await registry.issueLocalWorkerKey({ workerId: randomUUID(), workerName: 'local@test' });
    remoteKey = (await registry.register({ workerName: 'remote', workerType: 'remote' })).api_key;
    await uploadClip(t, 'First');
    await uploadClip(t, 'Second');
    remote = await claimAs(remoteKey);
    local = await claimAs(localKey);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the claim names the source in place for a local worker only', async () => {
    expect(remote.local_source_path).toBeNull();
    expect(local.local_source_path).toBe(await findUpload(t.container.layout, local.video_id as number));
  });

  it('a file in the worker directory is published as a hard link, atomically', async () => {
    const file = path.join(t.config.workDir, 'job', 'seg_0000.m4s');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, 'segment bytes');
    const res = await handOver(localKey, local.job_id as number, [
      { path: '720p/seg_0000.m4s', local_path: file },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', files: [{ path: '720p/seg_0000.m4s', bytes_written: 13 }] });
    const published = path.join(
      t.container.layout.videoDir(local.video_slug as string),
      '720p',
      'seg_0000.m4s',
    );
    expect(await readFile(published, 'utf8')).toBe('segment bytes');
    expect((await stat(published)).ino).toBe((await stat(file)).ino);
  });

  it('refuses files outside the worker directory, symlinks out of it, bad names and other jobs', async () => {
    const jobId = local.job_id as number;
    const outside = path.join(t.dataDir, 'outside.m4s');
    await writeFile(outside, 'secret');
    const link = path.join(t.config.workDir, 'job', 'link.m4s');
    await symlink(outside, link);
    const cases: Array<[string, string, number]> = [
      ['720p/seg_0001.m4s', outside, 400],
      ['720p/seg_0001.m4s', link, 400],
      ['720p/seg_0001.m4s', path.join(t.config.workDir, 'job', '..', '..', 'outside.m4s'), 400],
      ['720p/seg_0001.m4s', 'job/seg_0000.m4s', 400], // relative
      ['../escape.m4s', path.join(t.config.workDir, 'job', 'seg_0000.m4s'), 400],
      ['720p/seg_0001.exe', path.join(t.config.workDir, 'job', 'seg_0000.m4s'), 400],
    ];
    for (const [name, file, status] of cases) {
      const res = await handOver(localKey, jobId, [{ path: name, local_path: file }]);
      expect(res.statusCode, `${name} ${file}: ${res.body}`).toBe(status);
    }
    const dir = path.join(t.container.layout.videoDir(local.video_slug as string), '720p');
    await expect(stat(path.join(dir, 'seg_0001.m4s'))).rejects.toThrow();
    // A remote worker may not use it, not even for its own job; nor may the local worker for another job.
    const file = path.join(t.config.workDir, 'job', 'seg_0000.m4s');
    const asRemote = await handOver(remoteKey, remote.job_id as number, [
      { path: '720p/x.m4s', local_path: file },
    ]);
    expect(asRemote.statusCode).toBe(403);
    const otherJob = await handOver(localKey, remote.job_id as number, [
      { path: '720p/x.m4s', local_path: file },
    ]);
    expect(otherJob.statusCode).toBe(403);
  });
});
