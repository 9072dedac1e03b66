import type { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ProblemFilter } from '../../api/common/problem.filter';

/** What the problem filter answers for an error, through a stand-in of Express's request and response. */
function answer(error: unknown): { status: number; body: Record<string, unknown> } {
  let status = 0;
  let body = '';
  const response = {
    setHeader: () => response,
    vary: () => response,
    status: (code: number) => ((status = code), response),
    type: () => response,
    send: (text: string) => ((body = text), response),
    json: (value: unknown) => ((body = JSON.stringify(value)), response),
  };
  const request = {
    method: 'POST',
    originalUrl: '/api/v1/grids',
    url: '/api/v1/grids',
    path: '/api/v1/grids',
    headers: {},
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new ProblemFilter().catch(error, host);
  return { status, body: JSON.parse(body) as Record<string, unknown> };
}

const refusal = (fields: Record<string, string>) =>
  new QueryFailedError('INSERT INTO grids …', [], Object.assign(new Error('refused'), fields));

describe('database refusals at the door', () => {
  it('H3: a unique, foreign-key or check violation anywhere is 4xx naming the field, never 500', () => {
    const unique = answer(refusal({ code: '23505', detail: 'Key (code)=(G-1) already exists.' }));
    expect([unique.status, unique.body.code]).toEqual([409, 'already-exists']);
    expect(unique.body.errors).toEqual([expect.objectContaining({ field: 'code', rule: 'unique' })]);

    const reference = answer(
      refusal({
        code: '23503',
        constraint: 'grids_unit_fk',
        detail: 'Key (unit_code)=(NOPE) is not present in table "units".',
      }),
    );
    expect([reference.status, reference.body.code]).toEqual([409, 'still-referenced']);
    expect(reference.body.errors).toEqual([
      expect.objectContaining({ field: 'unit_code', rule: 'reference' }),
    ]);

    const check = answer(refusal({ code: '23514', constraint: 'grids_kind_check' }));
    expect(check.status).toBe(422);
    expect(check.body.errors).toEqual([
      expect.objectContaining({ field: 'grids_kind_check', rule: 'check' }),
    ]);

    // Not a refusal of the data: a lost connection is an outage (S3), any other error stays 500.
    const lost = answer(refusal({ code: '08006' }));
    expect([lost.status, lost.body.dependency]).toEqual([503, 'postgres']);
    expect(answer(refusal({ code: '42P01' })).status).toBe(500);
  });
});
