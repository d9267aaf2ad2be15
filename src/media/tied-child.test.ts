import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tiedToParent } from './tied-child.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('tiedToParent', () => {
  it('wraps a runnable binary in setpriv --pdeathsig KILL', () => {
    expect(tiedToParent('ffmpeg', ['-i', 'x'], '/usr/bin/setpriv', '/usr/bin')).toEqual({
      command: '/usr/bin/setpriv',
      args: ['--pdeathsig', 'KILL', '--', 'ffmpeg', '-i', 'x'],
    });
  });

  it('leaves the command alone without setpriv, or when the binary cannot be found (ENOENT at spawn)', () => {
    expect(tiedToParent('ffmpeg', ['-i', 'x'], null, '/usr/bin')).toEqual({
      command: 'ffmpeg',
      args: ['-i', 'x'],
    });
    expect(tiedToParent('no-such-binary-xyz', [], '/usr/bin/setpriv', '/usr/bin')).toEqual({
      command: 'no-such-binary-xyz',
      args: [],
    });
  });

  it.runIf(process.platform === 'linux')(
    'the child dies when its parent is killed with SIGKILL',
    async () => {
      // A parent node process starts `sleep 60` the way runProcess does, prints its pid, then waits.
      const script = `
      const { spawn } = require('node:child_process');
      const t = ${JSON.stringify(tiedToParent('sleep', ['60']))};
      const c = spawn(t.command, t.args, { stdio: 'ignore' });
      setTimeout(() => console.log(c.pid), 300);
      setInterval(() => {}, 1000);
    `;
      const parent = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      const childPid = await new Promise<number>((resolve) =>
        parent.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))),
      );
      expect(alive(childPid)).toBe(true);
      parent.kill('SIGKILL');
      const deadline = Date.now() + 5000;
      while (alive(childPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(alive(childPid)).toBe(false);
    },
  );
});
