import request from 'supertest';
import { monthOf } from '../../domain/duties/periods';
import type { Actor } from '../../domain/organisation/roles';
import { eventually, startHarness, type Harness } from '../support/harness';
import { IssueApi, REPORT } from '../support/http-lifecycle';
import { bearer } from '../support/tokens';

// Members of the demo organisation: the heads of 县综合行政执法局 (ULE) and 县水务局 (WRB).
const uleHead: Actor = {
  id: 'demo-ule-head',
  name: '演示-ULE分网格长',
  unitCode: 'ULE',
  roles: ['sector_head'],
};
const wrbHead: Actor = {
  id: 'demo-wrb-head',
  name: '演示-WRB分网格长',
  unitCode: 'WRB',
  roles: ['sector_head'],
};
const uleMember: Actor = {
  id: 'demo-ule-member-1',
  name: '演示-ULE网格员1',
  unitCode: 'ULE',
  roles: ['grid_member'],
};
const eco: Actor = { id: 'demo-eco-1', name: '演示-环委办干部', unitCode: 'ECO', roles: ['office_staff'] };

const HOUR = 3600_000;

describe('Consultations API (P5)', () => {
  let h: Harness;
  let issues: IssueApi;
  const http = () => request(h.app.getHttpServer());
  const created: string[] = [];
  const now = Date.now();
  const heldAt = new Date(now - 2 * HOUR).toISOString();

  const body = (over: Record<string, unknown> = {}) => ({
    heldAt,
    topic: '本月网格化监管工作会商',
    attendees: [{ memberId: 'demo-ule-deputy' }, { name: '王工', unit: '州生态环境局' }],
    minutes: '通报本月巡查发现的问题及整改进度，研究部署下月工作。',
    decisions: [{ text: '三日内清运城区垃圾中转站积存垃圾', owner: '县综合行政执法局', due: '2027-03-10' }],
    ...over,
  });

  const post = async (actor: Actor, payload: Record<string, unknown>) => {
    const res = await http().post('/api/v1/consultations').set('Authorization', bearer(actor)).send(payload);
    if (res.status === 201) created.push(res.body.id);
    return res;
  };
  const count = async () =>
    (await h.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM consultations`))[0].n;
  const problem = (res: request.Response) => {
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    return res.body as { code: string; errors: Array<{ field: string; rule: string }> };
  };

  beforeAll(async () => {
    h = await startHarness('it-consultations');
    issues = new IssueApi(h);
  });
  afterAll(async () => {
    await h?.dataSource.query(`DELETE FROM consultations WHERE id = ANY($1::text[])`, [created]);
    await h?.stop();
  });

  it('P5: a grid head records a consultation with its attendees, minutes and decisions', async () => {
    const res = await post(uleHead, body());
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/consultations/${res.body.id}`);
    expect(res.body).toMatchObject({
      unitCode: 'ULE',
      unitName: '县综合行政执法局',
      convenedBy: { id: 'demo-ule-head', name: '演示-ULE分网格长' },
      heldAt,
      topic: '本月网格化监管工作会商',
      attendees: [
        { memberId: 'demo-ule-deputy', name: '演示-ULE副分网格长', unit: 'ULE' },
        { name: '王工', unit: '州生态环境局' },
      ],
      minutes: '通报本月巡查发现的问题及整改进度，研究部署下月工作。',
      decisions: [{ text: '三日内清运城区垃圾中转站积存垃圾', owner: '县综合行政执法局', due: '2027-03-10' }],
      issueCodes: [],
      monthId: monthOf(Date.parse(heldAt)).id,
      recordedBy: 'demo-ule-head',
      issues: [],
    });
    const stored = { ...res.body };
    delete stored.issues;
    const got = await http()
      .get(`/api/v1/consultations/${res.body.id}`)
      .set('Authorization', bearer(uleMember));
    expect([got.status, got.body]).toEqual([200, stored]);
    const month = monthOf(Date.parse(heldAt)).id;
    const list = await http()
      .get(`/api/v1/consultations?month=${month}`)
      .set('Authorization', bearer(uleMember));
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(res.body.id);
  });

  it('L12: a consultation that names a major issue awaiting it is recorded on the issue and meets its deadline', async () => {
    const major = await issues.report(uleMember, {
      ...REPORT,
      title: '重大：垃圾填埋场渗滤液直排',
      severity: 'major',
    });
    const general = await issues.report(uleMember, { ...REPORT, title: '一般：路边垃圾' });
    const awaiting = await eventually(async () => {
      const state = await issues.state(major);
      return state.obligations.some((o) => o.kind === 'consultation') ? state : undefined;
    });
    expect(awaiting.consultations).toEqual([]);

    // 县水务局 is no party of this issue: its consultation is stored, the issue stays unknown to it (H1) and still
    // waits.
    const foreign = await post(
      wrbHead,
      body({
        attendees: [{ memberId: 'demo-wrb-deputy' }, { memberId: 'demo-wrb-leader' }],
        issueCodes: [major],
      }),
    );
    expect(foreign.status).toBe(201);
    expect(foreign.body.issues).toEqual([
      expect.objectContaining({ code: major, awaited: true, recorded: false, reason: 'issue-not-found' }),
    ]);
    expect((await issues.state(major)).obligations.some((o) => o.kind === 'consultation')).toBe(true);

    const res = await post(uleHead, body({ issueCodes: [major, general] }));
    expect(res.status).toBe(201);
    expect(res.body.issues).toEqual([
      { code: major, awaited: true, recorded: true },
      { code: general, awaited: false, recorded: false, reason: 'not-awaited' },
    ]);
    const state = await issues.state(major);
    expect(state.obligations.some((o) => o.kind === 'consultation')).toBe(false);
    expect(state.consultations).toEqual([
      expect.objectContaining({
        attendees: ['演示-ULE副分网格长（ULE）', '王工（州生态环境局）'],
        minutes: '通报本月巡查发现的问题及整改进度，研究部署下月工作。',
        decisions: ['三日内清运城区垃圾中转站积存垃圾；责任：县综合行政执法局；时限：2027-03-10'],
      }),
    ]);
    expect((await issues.state(general)).consultations).toEqual([]);
  });

  it('P5: each bad field is refused with a problem naming the field and the rule, and nothing is stored', async () => {
    const before = await count();
    const cases: Array<[string, Record<string, unknown>, number, string, string]> = [
      ['one attendee', { attendees: [{ memberId: 'demo-ule-deputy' }] }, 400, 'attendees', 'arrayMinSize'],
      [
        'attendee without unit',
        { attendees: [{ memberId: 'demo-ule-deputy' }, { name: '王工' }] },
        400,
        'attendees.1.unit',
        'isString',
      ],
      ['blank minutes', { minutes: ' ' }, 400, 'minutes', 'matches'],
      ['no topic', { topic: undefined }, 400, 'topic', 'isString'],
      [
        'bad decision date',
        { decisions: [{ text: '清运', due: '2027-02-30' }] },
        400,
        'decisions.0.due',
        'isDateOnly',
      ],
      ['no offset', { heldAt: '2027-03-01 10:00' }, 400, 'heldAt', 'iso-instant'],
      [
        'held in the future',
        { heldAt: new Date(now + 2 * HOUR).toISOString() },
        422,
        'heldAt',
        'not-in-future',
      ],
      [
        'held two years ago',
        { heldAt: new Date(now - 730 * 24 * HOUR).toISOString() },
        422,
        'heldAt',
        'max-age',
      ],
      [
        'attendee twice',
        { attendees: [{ memberId: 'demo-ule-deputy' }, { memberId: 'demo-ule-deputy' }] },
        422,
        'attendees[1]',
        'attendee-once',
      ],
      [
        'unknown member',
        { attendees: [{ memberId: 'demo-ule-deputy' }, { memberId: 'nobody' }] },
        422,
        'attendees[1].memberId',
        'known-reference',
      ],
      ['unknown issue', { issueCodes: ['2026-999999'] }, 422, 'issueCodes[0]', 'known-reference'],
    ];
    for (const [name, over, status, field, rule] of cases) {
      const res = await post(uleHead, body(over));
      const p = problem(res);
      expect({ name, status: res.status, error: p.errors?.find((e) => e.field === field)?.rule }).toEqual({
        name,
        status,
        error: rule,
      });
    }
    expect(await count()).toBe(before);
  });

  it('P5: only a grid head who is a member records one; another unit’s consultations are not readable', async () => {
    const before = await count();
    const member = await post(uleMember, body());
    expect([member.status, problem(member).code]).toEqual([403, 'actor-not-permitted']);
    const stranger = await post(
      { id: 'not-a-member', name: '冒名', unitCode: 'ULE', roles: ['sector_head'] },
      body(),
    );
    expect([stranger.status, problem(stranger).code]).toEqual([403, 'actor-not-member']);
    expect(await count()).toBe(before);

    const own = await post(uleHead, body({ topic: '范围测试' }));
    expect(own.status).toBe(201);
    const wrbList = await http()
      .get('/api/v1/consultations?pageSize=200')
      .set('Authorization', bearer(wrbHead));
    expect(wrbList.status).toBe(200);
    expect(wrbList.body.items.every((c: { unitCode: string }) => c.unitCode === 'WRB')).toBe(true);
    expect(
      (await http().get('/api/v1/consultations?unit=ULE').set('Authorization', bearer(wrbHead))).status,
    ).toBe(403);
    expect(
      (await http().get(`/api/v1/consultations/${own.body.id}`).set('Authorization', bearer(wrbHead))).status,
    ).toBe(403);
    const office = await http()
      .get('/api/v1/consultations?unit=ULE&pageSize=200')
      .set('Authorization', bearer(eco));
    expect(office.body.items.map((c: { id: string }) => c.id)).toContain(own.body.id);
  });
});
