import { describe, expect, it } from 'vitest';
import { runProcess } from './run-process.js';

describe('runProcess', () => {
  it('runs media work at a lower CPU priority (nice 10) than the calling process', async () => {
    // Field 19 of /proc/<pid>/stat is the nice value (proc(5)); `sh` reports its own.
    const r = await runProcess('sh', ['-c', 'cat /proc/$$/stat'], { collectStdout: true });
    expect(r.exitCode).toBe(0);
    const fields = r.stdout.slice(r.stdout.lastIndexOf(')') + 2).split(' ');
    expect(Number(fields[19 - 3])).toBe(10);
  });

  it('a missing binary still fails at once as not found', async () => {
    await expect(runProcess('no-such-binary-vlog', [])).rejects.toThrow(/could not be started/);
  });
});
