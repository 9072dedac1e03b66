import { canReadIssue } from '../../api/common/read-scope';
import { partiesOf, type Actor } from '../../domain/organisation/roles';
import type { IssueState } from '../../domain/issue/issue.types';
import {
  ACTION_IDS,
  actionDefinition,
  ISSUE_PROCESS,
  STATE_IDS,
  type ActionId,
  type StateId,
} from '../../domain/process/issue-process.definition';
import { startHarness, type Harness } from '../support/harness';
import { IssueApi } from '../support/http-lifecycle';
import { actors } from '../support/lifecycle-fixtures';

/** The role categories of the matrix, relative to an issue found by 水务局 and owned by 执法局 in 古州镇. */
const CATEGORIES: Record<string, Actor | null> = {
  'finder unit member': actors.wrbMember,
  'owner member': actors.uleMember,
  'owner direct leader': actors.uleLeader,
  'territorial township': actors.township,
  'unrelated department': actors.forMember,
  县环委办: actors.eco,
  'county head': actors.chief,
  'no token': null,
};

/** Whether the process definition lets this actor take the action on this issue (what the API must allow). */
function permitted(action: ActionId, actor: Actor, state: IssueState): boolean {
  const pending = state.transfers.find((t) => t.outcome === 'pending');
  const parties = partiesOf(actor, {
    finderUnit: state.report.finderUnit,
    owner: state.owner,
    sectorOwner: state.sectorOwner,
    territorialOwner: state.territorialOwner,
    transferTarget: pending?.toUnit ?? null,
    jointUnits: state.jointInvestigation?.tasks.map((t) => t.unit) ?? [],
    organisation: state.organisation,
  });
  let allowed = actionDefinition(ISSUE_PROCESS, action).parties.filter((p) => parties.has(p));
  if (action === 'transfer')
    allowed = allowed.filter((p) => p === (state.status === 'reported' ? 'finder' : 'owner'));
  return allowed.length > 0;
}

/** The first state the action is allowed in, in lifecycle order: where the party check is what decides. */
const stateFor = (action: ActionId): StateId =>
  STATE_IDS.find((s) => actionDefinition(ISSUE_PROCESS, action).from.includes(s))!;

describe('authorization matrix', () => {
  let h: Harness;
  let api: IssueApi;
  const issues = new Map<StateId, string>();
  beforeAll(async () => {
    h = await startHarness('it-authorization');
    api = new IssueApi(h);
    for (const status of new Set(ACTION_IDS.map(stateFor))) issues.set(status, await api.prepare(status));
  });
  afterAll(async () => {
    await h?.stop();
  });

  it.each(ACTION_IDS.map((action) => [action]))(
    'L3–L14 and H1: %s is refused with 401/403 (404 to a unit that may not read the issue) to every category the process does not name, and changes nothing',
    async (action) => {
      const code = issues.get(stateFor(action))!;
      const before = await api.state(code);
      const rowsBefore = await api.eventRows(code);
      const refused: string[] = [];
      for (const [category, actor] of Object.entries(CATEGORIES)) {
        if (actor && permitted(action, actor, before)) continue;
        const answer = await api.act(actor, code, action);
        expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
        if (!actor) {
          expect([category, answer.status, answer.body.code]).toEqual([category, 401, 'token-missing']);
        } else if (!canReadIssue(actor, before)) {
          // A unit that may not read the issue is told nothing about it (H1).
          expect([category, answer.status, answer.body.code]).toEqual([category, 404, 'issue-not-found']);
        } else {
          expect([category, answer.status, answer.body.code]).toEqual([category, 403, 'actor-not-permitted']);
        }
        refused.push(category);
      }
      // Every action has somebody it refuses (at least the caller without a token and an unrelated department).
      expect(refused).toEqual(expect.arrayContaining(['no token', 'unrelated department']));
      expect(await api.state(code)).toEqual(before);
      expect(await api.eventRows(code)).toBe(rowsBefore);
    },
  );

  it('L3–L14: an action outside the states that allow it is 409 for anyone, and changes nothing', async () => {
    const code = issues.get('reported')!;
    const before = await api.state(code);
    const rowsBefore = await api.eventRows(code);
    const outOfState = ACTION_IDS.filter(
      (action) => !actionDefinition(ISSUE_PROCESS, action).from.includes('reported'),
    );
    expect(outOfState.length).toBeGreaterThan(10);
    for (const action of outOfState) {
      for (const actor of [actors.eco, actors.chief, actors.uleMember]) {
        const answer = await api.act(actor, code, action);
        expect([action, answer.status, answer.body.code]).toEqual([
          action,
          409,
          'action-not-allowed-in-state',
        ]);
      }
    }
    expect(await api.state(code)).toEqual(before);
    expect(await api.eventRows(code)).toBe(rowsBefore);
  });

  it('L8: a major issue’s extension is decided by the county heads, not by 县环委办', async () => {
    const code = await api.report(actors.uleMember, { severity: 'major' });
    await api.ok(actors.uleMember, code, 'submitPlan');
    await api.ok(actors.uleMember, code, 'requestExtension');
    const refused = await api.act(actors.eco, code, 'decideExtension');
    expect(refused.status).toBe(403);
    const state = await api.ok(actors.deputyChief, code, 'decideExtension', {
      approved: false,
      note: '不同意',
    });
    expect(state.extensions[0].decision?.approved).toBe(false);
  });
});
