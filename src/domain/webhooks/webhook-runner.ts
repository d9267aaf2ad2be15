import type {
  ClaimedDelivery,
  DeliveredAttempt,
  WebhookDeliveryRepository,
} from './webhook-delivery.repository.js';
import type { WebhookDeliveryService } from './webhook-delivery.service.js';

/** Settings the runner reads at each use. */
export interface RunnerOptions {
  readonly maxConcurrentDeliveries: number;
  /** How long a claim holds a delivery (the request timeout and a margin): past it, it is sent again. */
  readonly leaseSeconds: number;
  readonly maxRetries: number;
  /** At most this many 2xx answers stored in one statement (webhooks.delivery_batch_size). */
  readonly deliveryBatchSize: number;
}

/** Longest sleep with nothing due; a due time already passed (a row another sender holds) waits this. */
const MAX_SLEEP_MS = 3_600_000;
const BUSY_RETRY_MS = 250;
/** Sweeps for deliveries whose sender died at most this often (besides when their lease falls due). */
const RECOVERY_EVERY_MS = 1_000;

/**
 * Runs the webhook delivery queue in the server process (secrets stay on the server): up to
 * `maxConcurrentDeliveries` sends at once, woken the moment a delivery is queued (`onQueued`: the job
 * system's "work queued" signal, relayed across processes on PostgreSQL), sleeping otherwise until the next
 * retry or lease falls due — no polling. Deliveries whose sender died mid-send (lease over) are sent again:
 * at-least-once. The 2xx answers read in one turn of the event loop, or while the runner writes, are stored
 * in one statement with its next claim (group commit: PGlite has one writer, so statements are what count).
 */
export function createWebhookRunner(deps: {
  deliveries: WebhookDeliveryRepository;
  service: WebhookDeliveryService;
  onQueued: (listener: () => void) => () => void;
  options: RunnerOptions;
  log: (err: unknown, message: string) => void;
}) {
  const { deliveries, service, options } = deps;
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let filling = false;
  let again = false;
  let stopped = true;
  let lastRecovery = 0;
  let unsubscribe: (() => void) | null = null;
  /** 2xx answers waiting to be stored; each sender waits for its own. */
  let answered: Array<{ item: DeliveredAttempt; done: (held: boolean) => void; fail: (e: unknown) => void }> =
    [];

  function storeDelivered(item: DeliveredAttempt): Promise<boolean> {
    return new Promise((done, fail) => {
      answered.push({ item, done, fail });
      fillSoon();
    });
  }

  /**
   * Fills once the answers that are ready now have all been read (setImmediate runs after this turn's I/O
   * callbacks): a statement then stores them together instead of one each (PGlite runs a statement
   * without giving way to I/O, so without this the first answer would start one alone).
   */
  let fillScheduled = false;
  function fillSoon(): void {
    if (fillScheduled) return;
    fillScheduled = true;
    setImmediate(() => {
      fillScheduled = false;
      void fill();
    });
  }

  function sleep(ms: number) {
    if (timer) clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(() => void fill(), Math.min(Math.max(ms, 0), MAX_SLEEP_MS));
    timer.unref();
  }

  function start(claimed: ClaimedDelivery) {
    const run: Promise<void> = service
      .deliver(claimed.delivery, claimed.webhook, storeDelivered)
      .then(
        () => undefined,
        (err: unknown) => deps.log(err, `webhook delivery ${claimed.delivery.id} failed`),
      )
      .finally(() => {
        inFlight.delete(run);
        fillSoon();
      });
    inFlight.add(run);
  }

  /** Stores waiting answers and claims into the room left (those answered leave it once stored). */
  async function settleAndClaim(): Promise<number> {
    const settling = answered.slice(0, Math.max(1, options.deliveryBatchSize));
    answered = answered.slice(settling.length);
    const room = stopped ? 0 : options.maxConcurrentDeliveries - inFlight.size + settling.length;
    if (settling.length === 0 && room <= 0) return 0;
    try {
      const { held, claimed } = await deliveries.settleAndClaim(
        settling.map((a) => a.item),
        options.leaseSeconds,
        Math.max(room, 0),
      );
      for (const a of settling) a.done(held.has(a.item.delivery.id));
      for (const c of claimed) start(c);
      return room - claimed.length;
    } catch (err) {
      for (const a of settling) a.fail(err);
      throw err;
    }
  }

  async function claimWhileRoom(): Promise<void> {
    if (Date.now() - lastRecovery >= RECOVERY_EVERY_MS) {
      lastRecovery = Date.now();
      await deliveries.recoverStale(options.maxRetries);
    }
    while (answered.length > 0 || (!stopped && inFlight.size < options.maxConcurrentDeliveries)) {
      const unfilled = await settleAndClaim();
      if (unfilled > 0 && answered.length === 0) break;
    }
  }

  /** Claims what is due while there is room, then sleeps until the next due time. */
  async function fill(): Promise<void> {
    // Once stopped, answers of the sends still in flight are stored, and nothing is claimed.
    if (stopped && answered.length === 0) return;
    if (filling) {
      again = true;
      return;
    }
    filling = true;
    try {
      // A signal during any await below sets `again`: it is acted on before sleeping (no lost wake-up).
      for (;;) {
        again = false;
        await claimWhileRoom();
        if (again) continue;
        // Full: each finished send fills again. Otherwise sleep until the next retry or lease falls due.
        if (stopped || inFlight.size >= options.maxConcurrentDeliveries) return;
        const due = await deliveries.nextDueAt();
        if (again) continue;
        if (due) {
          const wait = due.getTime() - Date.now();
          sleep(wait > 0 ? wait + 5 : BUSY_RETRY_MS);
        }
        return;
      }
    } catch (err) {
      deps.log(err, 'webhook delivery queue failed');
      sleep(5_000);
    } finally {
      filling = false;
    }
  }

  return {
    /** Starts: delivers what is due now (what waited while no server ran included), then on each signal. */
    start(): void {
      if (!stopped) return;
      stopped = false;
      unsubscribe = deps.onQueued(() => void fill());
      void fill();
    },
    /** Wakes the runner now (a retry scheduled by the admin). */
    wake: (): Promise<void> => fill(),
    /** Stops claiming and waits for the sends in flight (each bounded by the request timeout). */
    async stop(): Promise<void> {
      stopped = true;
      unsubscribe?.();
      if (timer) clearTimeout(timer);
      await Promise.all([...inFlight]);
    },
    get inFlight(): number {
      return inFlight.size;
    },
  };
}

export type WebhookRunner = ReturnType<typeof createWebhookRunner>;
