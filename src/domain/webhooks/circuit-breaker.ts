/**
 * The per-webhook circuit breaker (pipeline.md §16), in memory: after `threshold` consecutive failed
 * deliveries the circuit opens for `openMs`; while open no delivery is queued for the webhook and due ones
 * are postponed. A success closes it. Each server process keeps its own (a restart closes every circuit).
 */
export class CircuitBreaker {
  private readonly failures = new Map<number, number>();
  private readonly openUntil = new Map<number, number>();

  constructor(
    private readonly threshold = 5,
    readonly openMs = 300_000,
    private readonly now: () => number = Date.now,
  ) {}

  isOpen(webhookId: number): boolean {
    const until = this.openUntil.get(webhookId);
    if (until === undefined) return false;
    if (this.now() < until) return true;
    // Half-open: the next delivery is tried; one more failure opens it again at once.
    this.openUntil.delete(webhookId);
    this.failures.set(webhookId, this.threshold - 1);
    return false;
  }

  success(webhookId: number): void {
    this.failures.delete(webhookId);
    this.openUntil.delete(webhookId);
  }

  failure(webhookId: number): void {
    const n = (this.failures.get(webhookId) ?? 0) + 1;
    this.failures.set(webhookId, n);
    if (n >= this.threshold) this.openUntil.set(webhookId, this.now() + this.openMs);
  }
}
