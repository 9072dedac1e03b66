import request from 'supertest';
import type { IssueState } from '../../domain/issue/issue.types';
import type { Actor } from '../../domain/organisation/roles';
import { eventually, startHarness, type Harness } from '../support/harness';
import { bearer } from '../support/tokens';

// Members of the demo organisation around 古州镇's demo village grid.
const secretary: Actor = {
  id: 'demo-t-guzhou-branch-secretary',
  name: '演示-T-GUZHOU支部书记',
  unitCode: 'V-GUZHOU-01',
  roles: ['village_member'],
};
const ranger: Actor = {
  id: 'demo-t-guzhou-ranger',
  name: '演示-古州镇护林员',
  unitCode: 'V-GUZHOU-01',
  roles: ['public_welfare'],
};
const leader: Actor = {
  id: 'demo-t-guzhou-leader',
  name: '演示-T-GUZHOU直接负责人',
  unitCode: 'T-GUZHOU',
  roles: ['grid_member', 'direct_leader'],
};
const deputy: Actor = {
  id: 'demo-t-guzhou-deputy',
  name: '演示-T-GUZHOU副网格长',
  unitCode: 'T-GUZHOU',
  roles: ['grid_deputy'],
};
const uleMember: Actor = {
  id: 'demo-ule-member-1',
  name: '演示-ULE网格员1',
  unitCode: 'ULE',
  roles: ['grid_member'],
};

interface Relay {
  id: string;
  gridCode: string;
  township: string;
  status: string;
  issueCode: string | null;
  answer: string | null;
}

describe('Village relay (G8)', () => {
  let h: Harness;
  const http = () => request(h.app.getHttpServer());
  const marker = `R${Date.now().toString(36)}`;
  const relayBody = (title: string) => ({
    title: `${marker} ${title}`,
    description: '今早7点村后山脚有人焚烧生活垃圾，浓烟较大。',
    location: { lat: 25.931, lng: 108.523 },
  });
  const post = (actor: Actor, path: string, body: object) =>
    http().post(path).set('authorization', bearer(actor)).send(body);
  const outbox = (ref: string, kind: string) =>
    h.dataSource.query<Array<{ member_id: string }>>(
      `SELECT member_id FROM notification_outbox WHERE ref = $1 AND kind = $2 ORDER BY member_id`,
      [ref, kind],
    );

  beforeAll(async () => {
    h = await startHarness('it-village-relay');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('G8: a village grid member’s relay goes to the township’s grid members and 副网格长; a township member reports issues instead', async () => {
    const relayed = await post(secretary, '/api/v1/village-relays', relayBody('村后山焚烧垃圾')).expect(201);
    const relay = relayed.body as Relay;
    expect(relay).toMatchObject({ gridCode: 'DEMO-T-GUZHOU-V01', township: 'T-GUZHOU', status: 'submitted' });
    expect((await outbox(`relay/${relay.id}`, 'village_relay')).map((r) => r.member_id)).toEqual([
      'demo-t-guzhou-deputy',
      'demo-t-guzhou-first-secretary',
      'demo-t-guzhou-leader',
      'demo-t-guzhou-stationed',
    ]);
    // A 分片's 护林员 relays through the 分片's village grid.
    const fromSubArea = await post(ranger, '/api/v1/village-relays', relayBody('林边倾倒建筑垃圾')).expect(
      201,
    );
    expect(fromSubArea.body).toMatchObject({ gridCode: 'DEMO-T-GUZHOU-V01', township: 'T-GUZHOU' });
    const refused = await post(leader, '/api/v1/village-relays', relayBody('乡镇网格员')).expect(403);
    expect(refused.body.errors).toEqual([expect.objectContaining({ rule: 'G8' })]);
  });

  it('G8: the township accepts a relay as an issue found by the township in the relay’s grid, once; the reporter is told', async () => {
    const relay = (await post(secretary, '/api/v1/village-relays', relayBody('河边焚烧秸秆')).expect(201))
      .body as Relay;
    // Neither the reporter nor another unit takes it.
    await post(secretary, `/api/v1/village-relays/${relay.id}/accept`, { category: 'open_burning' }).expect(
      403,
    );
    await post(uleMember, `/api/v1/village-relays/${relay.id}/accept`, { category: 'open_burning' }).expect(
      403,
    );

    const accepted = await post(leader, `/api/v1/village-relays/${relay.id}/accept`, {
      category: 'open_burning',
    }).expect(200);
    const code = accepted.body.issue.code as string;
    expect(accepted.body.relay).toMatchObject({ status: 'accepted', issueCode: code });
    const state = (
      await eventually(async () => {
        const response = await http().get(`/api/v1/issues/${code}`).set('authorization', bearer(leader));
        return response.status === 200 ? (response.body as { state: IssueState }) : undefined;
      })
    ).state;
    expect(state).toMatchObject({
      territorialOwner: 'T-GUZHOU',
      report: {
        finderUnit: 'T-GUZHOU',
        grid: 'DEMO-T-GUZHOU-V01',
        category: 'open_burning',
        source: 'patrol',
      },
    });
    expect((await outbox(`relay/${relay.id}`, 'relay_accepted')).map((r) => r.member_id)).toEqual([
      secretary.id,
    ]);
    // Accepting again finds the same issue; answering an accepted relay is refused.
    const again = await post(leader, `/api/v1/village-relays/${relay.id}/accept`, {
      category: 'open_burning',
    }).expect(200);
    expect(again.body.issue.code).toBe(code);
    await post(deputy, `/api/v1/village-relays/${relay.id}/answer`, { answer: '已受理' }).expect(409);
  });

  it('G8: the township answers a relay that is no issue; the relay keeps its own status and read scope', async () => {
    const relay = (await post(secretary, '/api/v1/village-relays', relayBody('田埂冒烟')).expect(201))
      .body as Relay;
    const answered = await post(deputy, `/api/v1/village-relays/${relay.id}/answer`, {
      answer: '已核实，系村民清理田埂杂草，已劝导。',
    }).expect(200);
    expect(answered.body).toMatchObject({
      status: 'answered',
      answer: '已核实，系村民清理田埂杂草，已劝导。',
      issueCode: null,
    });
    await post(deputy, `/api/v1/village-relays/${relay.id}/answer`, { answer: '再答复' }).expect(409);
    await post(leader, `/api/v1/village-relays/${relay.id}/accept`, { category: 'open_burning' }).expect(409);
    expect((await outbox(`relay/${relay.id}`, 'relay_answered')).map((r) => r.member_id)).toEqual([
      secretary.id,
    ]);

    const list = await http()
      .get('/api/v1/village-relays?status=answered')
      .set('authorization', bearer(leader))
      .expect(200);
    expect(list.body.items.map((r: Relay) => r.id)).toContain(relay.id);
    const others = await http()
      .get('/api/v1/village-relays')
      .set('authorization', bearer(uleMember))
      .expect(200);
    expect(others.body.total).toBe(0);
    await http()
      .get(`/api/v1/village-relays/${relay.id}`)
      .set('authorization', bearer(uleMember))
      .expect(403);
    await http()
      .get(`/api/v1/village-relays/${relay.id}`)
      .set('authorization', bearer(secretary))
      .expect(200);
  });
});
