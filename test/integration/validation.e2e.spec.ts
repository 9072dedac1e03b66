import request from 'supertest';
import { actionPath } from '../../api/issues/issue-actions';
import {
  ACTION_IDS,
  actionDefinition,
  ISSUE_PROCESS,
  STATE_IDS,
  type ActionId,
  type StateId,
} from '../../domain/process/issue-process.definition';
import { startHarness, type Harness } from '../support/harness';
import { IssueApi, validBody, type ApiAnswer } from '../support/http-lifecycle';
import { actors } from '../support/lifecycle-fixtures';
import { bearer } from '../support/tokens';

const stateFor = (action: ActionId): StateId =>
  STATE_IDS.find((s) => actionDefinition(ISSUE_PROCESS, action).from.includes(s))!;

/** The same body with one field replaced by a value of the wrong type. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return 'one';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return 'not-a-list';
  return 'not-an-object';
}

/** Every string inside a body (nested too) replaced by `make(original)`; one variant per string. */
function stringVariants(body: unknown, make: (s: string) => unknown): unknown[] {
  const variants: unknown[] = [];
  const walk = (value: unknown, replace: (v: unknown) => unknown) => {
    if (typeof value === 'string') variants.push(replace(make(value)));
    else if (Array.isArray(value))
      value.forEach((item, i) => walk(item, (v) => replace(value.map((x, j) => (j === i ? v : x)))));
    else if (typeof value === 'object' && value !== null)
      for (const key of Object.keys(value))
        walk((value as Record<string, unknown>)[key], (v) => replace({ ...value, [key]: v }));
  };
  walk(body, (v) => v);
  return variants;
}

const SQLISH = "x'; DROP TABLE issue_events; -- OR 1=1";

describe('input validation of the action endpoints', () => {
  let h: Harness;
  let api: IssueApi;
  const issues = new Map<StateId, string>();
  beforeAll(async () => {
    h = await startHarness('it-validation');
    api = new IssueApi(h);
    for (const status of new Set(ACTION_IDS.map(stateFor))) issues.set(status, await api.prepare(status));
  });
  afterAll(async () => {
    await h?.stop();
  });

  const server = () => request(h.app.getHttpServer());
  const expectClientError = (label: string, answer: ApiAnswer | request.Response, statuses?: number[]) => {
    expect([label, answer.status >= 400 && answer.status < 500]).toEqual([label, true]);
    if (statuses)
      expect([label, statuses.includes(answer.status) ? 'expected' : answer.status]).toEqual([
        label,
        'expected',
      ]);
    expect(String(answer.headers['content-type'])).toMatch(/application\/problem\+json/);
    expect(typeof answer.body.code).toBe('string');
  };

  it.each(ACTION_IDS.map((action) => [action]))(
    '%s: malformed, missing, oversized and hostile bodies get 4xx problem+json and change nothing',
    async (action) => {
      const code = issues.get(stateFor(action))!;
      const before = await api.state(code);
      const rowsBefore = await api.eventRows(code);
      const valid = validBody(action);
      // An actor the rules do not name: bodies that pass validation end at the party check (403), or at the read
      // scope (404) where the actor's unit is not related to the issue at all (H1), never 5xx.
      const actor = actors.forMember;

      const missing = await api.act(actor, code, action, {});
      if (action === 'acceptTransfer') expectClientError('empty body', missing, [403, 404]);
      else {
        expectClientError('empty body', missing, [400]);
        expect(missing.body.code).toBe('validation-failed');
      }

      const unknown = await api.act(actor, code, action, { ...valid, hacker: true });
      expectClientError('unknown field', unknown, [400]);
      expect(unknown.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'hacker', rule: 'unknown-field' })]),
      );

      for (const key of Object.keys(valid)) {
        const answer = await api.act(actor, code, action, { ...valid, [key]: wrongType(valid[key]) });
        expectClientError(`wrong type of ${key}`, answer, [400]);
        const answerNull = await api.act(actor, code, action, { ...valid, [key]: null });
        expectClientError(`null ${key}`, answerNull);
      }

      for (const variant of stringVariants(valid, () => 'x'.repeat(100_000))) {
        expectClientError('huge string', await api.act(actor, code, action, variant), [400]);
      }
      for (const variant of stringVariants(valid, () => SQLISH)) {
        expectClientError('SQL-ish string', await api.act(actor, code, action, variant), [400, 403, 404]);
      }
      for (const variant of stringVariants(valid, () => ['nested', 'array'])) {
        expectClientError('array for a string', await api.act(actor, code, action, variant), [400]);
      }

      const polluted = await server()
        .post(`/api/v1/issues/${code}/${actionPath(action)}`)
        .set('authorization', bearer(actor))
        .set('content-type', 'application/json')
        .send(`{"__proto__":{"polluted":true},${JSON.stringify(valid).slice(1)}`);
      expectClientError('__proto__ key', polluted, [400]);
      expect(polluted.body.errors[0]).toMatchObject({ field: '__proto__', rule: 'forbidden-key' });
      const nestedPolluted = await api.act(actor, code, action, {
        ...valid,
        constructor: { prototype: { polluted: true } },
      });
      expectClientError('constructor key', nestedPolluted, [400]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();

      for (const [label, body, type] of [
        ['broken JSON', '{"reason": ', 'application/json'],
        ['array body', '[1,2,3]', 'application/json'],
        ['null body', 'null', 'application/json'],
        ['string body', '"hello"', 'application/json'],
        ['plain text', 'reason=hello', 'text/plain'],
        ['form body', 'reason=hello', 'application/x-www-form-urlencoded'],
      ] as const) {
        const answer = await server()
          .post(`/api/v1/issues/${code}/${actionPath(action)}`)
          .set('authorization', bearer(actor))
          .set('content-type', type)
          .send(body);
        expectClientError(label, answer);
      }

      expect(await api.state(code)).toEqual(before);
      expect(await api.eventRows(code)).toBe(rowsBefore);
    },
  );

  it('refuses nested garbage: impossible dates, unknown member kinds, deep nesting, huge bodies', async () => {
    const accepted = issues.get('accepted')!;
    const badDate = await api.act(actors.uleMember, accepted, 'submitPlan', {
      ...validBody('submitPlan'),
      milestones: [{ date: '2026-02-30', description: 'x' }],
    });
    expectClientError('impossible date', badDate, [400]);
    expect(badDate.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'milestones.0.date', rule: 'isDateOnly' })]),
    );
    const badKind = await api.act(actors.township, issues.get('reported')!, 'formSupervisionGroup', {
      members: [{ name: '某', kind: 'emperor' }],
    });
    expectClientError('unknown member kind', badKind, [400]);
    let deep: Record<string, unknown> = { end: true };
    for (let i = 0; i < 200; i++) deep = { d: deep };
    expectClientError('deep nesting', await api.act(actors.uleMember, accepted, 'submitPlan', deep), [400]);
    const huge = await api.act(actors.uleMember, accepted, 'reportTransferFeedback', {
      result: 'x'.repeat(2 * 1024 * 1024),
    });
    expectClientError('huge body', huge, [413]);
    const manyItems = await api.act(actors.uleMember, accepted, 'recordImmediateFix', {
      description: 'x',
      evidence: Array.from({ length: 5000 }, (_, i) => `e${i}`),
    });
    expectClientError('too many items', manyItems, [400]);
    expect((await api.state(accepted)).status).toBe('accepted');
  });

  it('answers 400 for a malformed issue code and 404 for an unknown one', async () => {
    const bad = await api.act(actors.eco, "2026-1' OR '1'='1", 'sendBack');
    expectClientError('malformed code', bad, [400]);
    expect(bad.body.code).toBe('issue-code-invalid');
    const unknown = await api.act(actors.eco, '1999-999999', 'sendBack');
    expectClientError('unknown code', unknown, [404]);
    expect(unknown.body.code).toBe('issue-not-found');
  });

  it('the domain’s own data rules come back as 422 with the field and the rule', async () => {
    // L13: a group without its required members passes the DTO but breaks the composition rule.
    const answer = await api.act(actors.township, issues.get('reported')!, 'formSupervisionGroup', {
      members: [{ name: '杨书记', kind: 'leader' }],
    });
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('supervision-group-composition');
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'members', rule: 'L13' })]);
  });
});
