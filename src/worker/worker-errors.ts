/**
 * The worker's own errors: a refusal of the worker API, by HTTP status. The worker imports nothing from
 * the server's domain, so it does not share DomainError; it only needs to tell "this job is no longer
 * mine" from the rest.
 */
export type WorkerApiErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unavailable';

function kindOf(status: number): WorkerApiErrorKind {
  if (status === 400 || status === 422) return 'bad_request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  return 'unavailable';
}

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
