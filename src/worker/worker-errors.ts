/**
 * The worker's own errors: a refusal of the worker API, by HTTP status. The worker imports nothing from
 * the server's domain, so it does not share DomainError; it only needs to tell "this job is no longer
 * mine" from the rest.
 */

/** What a refusal of the worker API means to the worker, by HTTP status; any other status: unavailable. */
const KIND_OF_STATUS = {
  400: 'bad_request',
  422: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
} as const;

export type WorkerApiErrorKind = (typeof KIND_OF_STATUS)[keyof typeof KIND_OF_STATUS] | 'unavailable';

const kindOf = (status: number): WorkerApiErrorKind =>
  KIND_OF_STATUS[status as keyof typeof KIND_OF_STATUS] ?? 'unavailable';

/** A call the worker API refused (4xx), or gave up on after retrying (503). */
export class WorkerApiError extends Error {
  readonly kind: WorkerApiErrorKind;

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.kind = kindOf(status);
  }
}

/** Whether `err` is a refusal of the worker API of one of these kinds. */
export function isRefusal(err: unknown, ...kinds: WorkerApiErrorKind[]): err is WorkerApiError {
  return err instanceof WorkerApiError && kinds.includes(err.kind);
}
