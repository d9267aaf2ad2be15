import { describe, expect, it } from 'vitest';
import {
  DatabaseUnavailableError,
  isDatabaseUnavailable,
  isTransactionConflict,
  retryConnect,
} from './db-errors.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['admin shutdown', withCode('57P01', 'terminating connection due to administrator command')],
    ['crash shutdown', withCode('57P02')],
    ['shutting down', withCode('57P03', 'the database system is shutting down')],
    ['too many connections', withCode('53300')],
    ['connection exception class', withCode('08006')],
    ['dropped connection', new Error('Connection terminated unexpectedly')],
    ['dead client', new Error('Client has encountered a connection error and is not queryable')],
    ['pool wait', new Error('timeout exceeded when trying to connect')],
    ['wrapped', new Error('query failed', { cause: withCode('57P01') })],
    ['exhausted retries', new DatabaseUnavailableError(withCode('ECONNREFUSED'))],
  ])('%s: yes', (_name, err) => expect(isDatabaseUnavailable(err)).toBe(true));

  it.each([
    ['unique violation', withCode('23505', 'duplicate key value')],
    ['syntax error', withCode('42601')],
    // A bare socket error in a request is as likely the client's socket as the database's.
    ['client socket reset', withCode('ECONNRESET', 'aborted')],
    ['plain error', new Error('boom')],
    ['not an error', 'text'],
  ])('%s: no', (_name, err) => expect(isDatabaseUnavailable(err)).toBe(false));
});

describe('isTransactionConflict', () => {
  it.each([
    ['deadlock', withCode('40P01', 'deadlock detected')],
    ['serialization failure', withCode('40001', 'could not serialize access')],
    ['wrapped', new Error('trigger failed', { cause: withCode('40P01') })],
  ])('%s: yes', (_name, err) => expect(isTransactionConflict(err)).toBe(true));

  it.each([
    ['unique violation', withCode('23505')],
    ['server gone', withCode('57P01')],
    ['plain error', new Error('40P01')],
  ])('%s: no', (_name, err) => expect(isTransactionConflict(err)).toBe(false));
});

describe('retryConnect', () => {
  it('tries again while the server is unreachable, then succeeds', async () => {
    let calls = 0;
    const result = await retryConnect(async () => {
      if (++calls < 3) throw withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432');
      return 'client';
    }, [1, 1, 1]);
    expect(result).toBe('client');
    expect(calls).toBe(3);
  });

  it('gives up with DatabaseUnavailableError after the last delay', async () => {
    let calls = 0;
    const refused = new AggregateError([withCode('ECONNREFUSED')], 'connect failed');
    const attempt = retryConnect(async () => {
      calls++;
      throw refused;
    }, [1, 1]);
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(calls).toBe(3);
  });

  it('does not retry other errors, nor a pool wait that already timed out', async () => {
    let calls = 0;
    const auth = retryConnect(async () => {
      calls++;
      throw withCode('28P01', 'password authentication failed');
    }, [1, 1]);
    await expect(auth).rejects.toMatchObject({ code: '28P01' });
    expect(calls).toBe(1);
    const waited = retryConnect(async () => {
      calls++;
      throw new Error('timeout exceeded when trying to connect');
    }, [1, 1]);
    await expect(waited).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(calls).toBe(2);
  });
});
