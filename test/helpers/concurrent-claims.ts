// Concurrency checks of the job queues: many claimers at once until the queue is empty.

/** `count` job priorities cycling high, normal, low. */
export const mixedPriorities = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => ['high', 'normal', 'low'][i % 3]!);

/**
 * Runs `claimers` claim loops at once, each with its own claimer (`newClaimer(n)` makes claimer n, a
 * function that claims one job and returns its id, or undefined when there is none), until every loop
 * finds the queue empty. Returns every id claimed, in claim order, duplicates included.
 */
export async function claimUntilEmpty(
  claimers: number,
  newClaimer: (n: number) => () => Promise<number | undefined>,
): Promise<number[]> {
  const claimed: number[] = [];
  await Promise.all(
    Array.from({ length: claimers }, async (_, n) => {
      const claim = newClaimer(n);
      for (let id = await claim(); id !== undefined; id = await claim()) claimed.push(id);
    }),
  );
  return claimed;
}
