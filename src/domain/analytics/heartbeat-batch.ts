/**
 * Heartbeats written together: while one write is in flight, the beats that arrive wait and then go in
 * one statement (group commit without a timer). Each caller still learns whether its session exists
 * only once its beat is stored, so an answer always means "written". Two beats of one session never
 * share a statement (an UPDATE … FROM touches a row once): the later waits for the next write.
 */
export interface Beat {
  token: string;
  position: number;
  quality: string | null;
}

export function createHeartbeatBatcher(write: (beats: Beat[]) => Promise<Set<string>>, maxBatch = 500) {
  let queue: Array<{ beat: Beat; done: (found: boolean) => void; fail: (err: unknown) => void }> = [];
  let writing = false;

  async function flush(): Promise<void> {
    writing = true;
    while (queue.length) {
      const batch: typeof queue = [];
      const later: typeof queue = [];
      const tokens = new Set<string>();
      for (const item of queue) {
        if (batch.length < maxBatch && !tokens.has(item.beat.token)) {
          tokens.add(item.beat.token);
          batch.push(item);
        } else later.push(item);
      }
      queue = later;
      try {
        const found = await write(batch.map((i) => i.beat));
        for (const item of batch) item.done(found.has(item.beat.token));
      } catch (err) {
        for (const item of batch) item.fail(err);
      }
    }
    writing = false;
  }

  return (beat: Beat): Promise<boolean> =>
    new Promise((done, fail) => {
      queue.push({ beat, done, fail });
      if (!writing) void flush();
    });
}
