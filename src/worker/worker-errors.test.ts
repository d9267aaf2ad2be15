import { describe, expect, it } from 'vitest';
import { isRefusal, WorkerApiError } from './worker-errors.js';

describe('WorkerApiError', () => {
  it('names each refusal of the worker API by its status; anything else is "unavailable"', () => {
    const kinds = [400, 401, 403, 404, 409, 413, 422, 429, 500, 503].map(
      (s) => new WorkerApiError(s, 'x').kind,
    );
    expect(kinds).toEqual([
      'bad_request',
      'unauthorized',
      'forbidden',
      'not_found',
      'conflict',
      'payload_too_large',
      'bad_request',
      'unavailable',
      'unavailable',
      'unavailable',
    ]);
  });

  it('isRefusal matches only worker API errors of the kinds asked for', () => {
    const gone = new WorkerApiError(409, 'Claim expired');
    expect(isRefusal(gone, 'conflict', 'forbidden')).toBe(true);
    expect(isRefusal(gone, 'not_found')).toBe(false);
    expect(isRefusal(new Error('Claim expired'), 'conflict')).toBe(false);
    expect(gone.message).toBe('Claim expired');
    expect(gone.status).toBe(409);
  });
});
