import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { createWorkerAuthService } from './worker-auth.service.js';
import type { WorkerRepository } from './worker.repository.js';

const noWorkers = { keysByPrefix: () => Promise.resolve([]) } as unknown as WorkerRepository;
const kindOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof DomainError ? `${err.kind}: ${err.message}` : String(err);
  }
  return 'ok';
};

describe('worker auth service', () => {
  it('checks the worker admin secret: 401 when missing, 403 when wrong', () => {
    const auth = createWorkerAuthService({ workers: noWorkers, adminSecret: 'right-secret' });
    expect(kindOf(() => auth.checkAdminSecret(undefined))).toBe(
      'unauthorized: X-Admin-Secret header required',
    );
    expect(kindOf(() => auth.checkAdminSecret('wrong'))).toBe('forbidden: Invalid admin secret');
    expect(kindOf(() => auth.checkAdminSecret('right-secret'))).toBe('ok');
  });

  it('fails closed without a configured secret, also for an empty header', () => {
    const auth = createWorkerAuthService({ workers: noWorkers, adminSecret: '' });
    for (const header of ['', 'anything'])
      expect(kindOf(() => auth.checkAdminSecret(header))).toBe('forbidden: Invalid admin secret');
  });

  it('refuses missing, short and unknown keys without touching a hash', async () => {
    const auth = createWorkerAuthService({ workers: noWorkers, adminSecret: 'x' });
    await expect(auth.authenticate(undefined)).rejects.toThrow(
      'Missing API key. Include X-Worker-API-Key header.',
    );
    await expect(auth.authenticate('short')).rejects.toThrow('Invalid API key');
    await expect(auth.authenticate('k'.repeat(300))).rejects.toThrow('Invalid API key');
    await expect(auth.authenticate('a'.repeat(43))).rejects.toThrow('Invalid API key');
  });
});
