/**
 * Where fixed-window counts live. A window starts at a key's first hit and lasts `windowMs`
 * (slowapi's fixed window); the count resets when it ends.
 */
export interface RateLimitStore {
  /** Counts one hit on `key`; the number of hits in the key's current window, this one included. */
  hit(key: string, windowMs: number): Promise<number>;
  /** The number of hits in the key's current window, without counting one. */
  peek(key: string): Promise<number>;
  close(): Promise<void>;
}
