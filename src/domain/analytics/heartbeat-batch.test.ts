import { describe, expect, it } from 'vitest';
import { createHeartbeatBatcher, type Beat } from './heartbeat-batch.js';

describe('createHeartbeatBatcher', () => {
  it('writes beats that arrive during a write together, one per session a statement, in order', async () => {
    const writes: Beat[][] = [];
    const beat = createHeartbeatBatcher(async (beats) => {
      writes.push(beats);
      await new Promise((r) => setTimeout(r, 5));
      return new Set(beats.map((b) => b.token).filter((t) => t !== 'gone'));
    });
    const b = (token: string, position: number): Beat => ({ token, position, quality: null });
    const answers = await Promise.all([
      beat(b('a', 1)),
      beat(b('b', 1)),
      beat(b('a', 2)),
      beat(b('gone', 1)),
      beat(b('a', 3)),
    ]);
    expect(answers).toEqual([true, true, true, false, true]);
    expect(writes.map((w) => w.map((x) => `${x.token}${x.position}`))).toEqual([
      ['a1'],
      ['b1', 'a2', 'gone1'],
      ['a3'],
    ]);
  });

  it('passes a failed write to its callers and keeps going', async () => {
    let calls = 0;
    const beat = createHeartbeatBatcher(async (beats) => {
      calls += 1;
      if (calls === 1) throw new Error('database down');
      return new Set(beats.map((x) => x.token));
    });
    await expect(beat({ token: 'a', position: 1, quality: null })).rejects.toThrow('database down');
    await expect(beat({ token: 'a', position: 2, quality: null })).resolves.toBe(true);
  });
});
