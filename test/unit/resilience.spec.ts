import { ApplicationFailure } from '@temporalio/common';
import { ServiceError } from '@temporalio/client';
import { QueryFailedError } from 'typeorm';
import { dataErrorDetails, failingFastOnDataErrors } from '../../activities/data-errors';
import { unavailableDependency } from '../../api/common/outage';
import { restartDelaySeconds } from '../../deploy/local/supervisor';
import { DATA_ERROR } from '../../workflows/issue/issue.messages';

/** A PostgreSQL error as pg raises it: its SQLSTATE in `code`, TypeORM wrapping it with the query. */
function pgError(code: string, fields: Record<string, string> = {}): QueryFailedError {
  const driverError = Object.assign(new Error(`refused (${code})`), { code, ...fields });
  return new QueryFailedError('INSERT INTO issue_events …', [], driverError);
}

describe('resilience', () => {
  it('S4: SQLSTATE classes 22 and 23 are data errors that fail at once; other errors are retried', async () => {
    expect(dataErrorDetails(pgError('23514', { constraint: 'c', table: 'issue_events' }))).toMatchObject({
      sqlstate: '23514',
      constraint: 'c',
      table: 'issue_events',
    });
    expect(dataErrorDetails(pgError('22P05'))?.sqlstate).toBe('22P05');
    for (const retryable of ['40001', '08006', '57P01', '53300', 'XX000'])
      expect(dataErrorDetails(pgError(retryable))).toBeUndefined();
    expect(dataErrorDetails(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBeUndefined();

    const refused = await failingFastOnDataErrors(() => Promise.reject(pgError('23505'))).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ApplicationFailure);
    expect(refused).toMatchObject({ type: DATA_ERROR, nonRetryable: true });
    const transient = pgError('40001');
    await expect(failingFastOnDataErrors(() => Promise.reject(transient))).rejects.toBe(transient);
  });

  it('S3: connection failures of PostgreSQL and Temporal are outages; other errors are not', () => {
    expect(
      unavailableDependency(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe('postgres');
    expect(unavailableDependency(new Error('Connection terminated unexpectedly'))).toBe('postgres');
    expect(unavailableDependency(pgError('57P01'))).toBe('postgres');
    expect(unavailableDependency(pgError('08006'))).toBe('postgres');
    const grpc = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
      code: 14,
      details: '',
      metadata: {},
    });
    expect(unavailableDependency(new ServiceError('Failed to query workflow', { cause: grpc }))).toBe(
      'temporal',
    );
    expect(unavailableDependency(pgError('23505'))).toBeUndefined();
    expect(unavailableDependency(new Error('boom'))).toBeUndefined();
    const notFound = Object.assign(new Error('5 NOT_FOUND'), { code: 5, details: '', metadata: {} });
    expect(unavailableDependency(new ServiceError('Not found', { cause: notFound }))).toBeUndefined();
  });

  it('S5: restarts back off from 1 s, doubling, to at most 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(restartDelaySeconds)).toEqual([1, 2, 4, 8, 16, 30, 30, 30]);
  });
});
