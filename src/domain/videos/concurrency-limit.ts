/**
 * Runs at most `max` tasks at once; the others wait in FIFO order. A finishing task hands its
 * slot straight to the next waiter, so a newcomer can never squeeze past the limit.
 */
export function createLimiter(max: number) {
  if (!(max >= 1)) throw new RangeError('max must be at least 1');
  let active = 0;
  const waiting: Array<() => void> = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active < max) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
