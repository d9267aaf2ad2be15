/**
 * Heartbeats written together: the beats that arrive while the writes in flight run wait and then go in one
 * statement (group commit without a timer). Up to `maxInFlight` statements run at once, on different pooled
 * connections, so the server parses the next beats while PostgreSQL writes the last ones: with one write at a
 * time, a closed loop of players left one of the two CPUs idle in turn (bench/analytics-ingest.ts).
 *
 * Each caller still learns whether its session exists only once its beat is stored, so an answer always
 * means "written". Beats of one session are applied in arrival order: a session never has two beats in one
 * statement (an UPDATE … FROM touches a row once) nor in two statements in flight; the later waits.
 */
export interface Beat {
  token: string;
  position: number;
  quality: string | null;
}

export interface HeartbeatBatchOptions {
  /** The most beats one statement carries. */
  maxBatch?: number;
  /** The most statements in flight at once. */
  maxInFlight?: number;
}

interface Waiting {
  beat: Beat;
  done: (found: boolean) => void;
  fail: (err: unknown) => void;
}

export function createHeartbeatBatcher(
  write: (beats: Beat[]) => Promise<Set<string>>,
  { maxBatch = 500, maxInFlight = 2 }: HeartbeatBatchOptions = {},
) {
  let queue: Waiting[] = [];
  let inFlight = 0;
  /** Sessions with a beat in a statement now running. */
  const busy = new Set<string>();

  /** The next statement's beats, in arrival order: at most one per session, none of a busy session. */
  function takeBatch(): Waiting[] {
    const batch: Waiting[] = [];
    const later: Waiting[] = [];
    const tokens = new Set<string>();
    for (const item of queue) {
      const { token } = item.beat;
      // Once one beat of a session waits, its later beats wait too, so they keep their order.
      if (batch.length < maxBatch && !tokens.has(token) && !busy.has(token)) batch.push(item);
      else later.push(item);
      tokens.add(token);
    }
    queue = later;
    return batch;
  }

  async function run(batch: Waiting[]): Promise<void> {
    inFlight += 1;
    for (const item of batch) busy.add(item.beat.token);
    try {
      const found = await write(batch.map((i) => i.beat));
      for (const item of batch) item.done(found.has(item.beat.token));
    } catch (err) {
      for (const item of batch) item.fail(err);
    } finally {
      for (const item of batch) busy.delete(item.beat.token);
      inFlight -= 1;
      pump();
    }
  }

  function pump(): void {
    while (inFlight < maxInFlight && queue.length) {
      const batch = takeBatch();
      if (!batch.length) return; // every waiting beat belongs to a session being written
      void run(batch);
    }
  }

  return (beat: Beat): Promise<boolean> =>
    new Promise((done, fail) => {
      queue.push({ beat, done, fail });
      pump();
    });
}
