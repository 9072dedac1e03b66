import { DEFAULT_CALENDAR } from '../../domain/calendar/working-days';
import { ACTION_RULES, blankIssueState, type LifecycleContext } from '../../domain/issue/lifecycle';
import type { IssueState } from '../../domain/issue/issue.types';
import { ACTION_IDS, ISSUE_PROCESS, ISSUE_PROCESS_V2 } from '../../domain/process/issue-process.definition';
import { actors, fivePlan, lifecycleInput, report } from '../support/lifecycle-fixtures';

// Each action's rule alone, without the dispatcher or the workflow: the unit a rule fix changes.
describe('ACTION_RULES', () => {
  const ctx: LifecycleContext = {
    definition: ISSUE_PROCESS,
    calendar: DEFAULT_CALENDAR,
    now: Date.parse('2027-03-01T01:00:00Z'),
  };
  const issue = (overrides: Partial<IssueState> = {}, severity: 'general' | 'major' = 'general') => ({
    ...blankIssueState(lifecycleInput('2027-000001', { report: report({ severity }) }), ISSUE_PROCESS.policy),
    ...overrides,
  });

  it('has one rule for every action of the process definition', () => {
    expect(Object.keys(ACTION_RULES).sort()).toEqual([...ACTION_IDS].sort());
  });

  it('L3: a transfer’s apply records the pending transfer, opens its acceptance deadline and tells the target', () => {
    const state = issue();
    const outcome = ACTION_RULES.transfer.apply(
      state,
      { toUnit: 'ULE', reason: '属执法局职责' },
      actors.wrbMember,
      ctx,
    );
    expect(state.status).toBe('transferred');
    expect(state.transfers).toEqual([
      expect.objectContaining({ seq: 1, fromUnit: 'WRB', toUnit: 'ULE', outcome: 'pending' }),
    ]);
    expect(state.obligations.map((ob) => [ob.kind, ob.unit])).toEqual([['transfer_acceptance', 'ULE']]);
    expect(outcome.notices).toEqual([
      expect.objectContaining({
        kind: 'transfer',
        audiences: [
          { role: 'unit_head', unit: 'ULE' },
          { role: 'direct_leader', unit: 'ULE' },
        ],
        subject: '【移交】河道倾倒生活垃圾',
      }),
    ]);
  });

  it('L3: a unit cannot transfer an issue to itself', () => {
    const data = { toUnit: 'WRB', reason: '无' };
    expect(ACTION_RULES.transfer.check(issue(), data, actors.wrbMember, ctx)).toMatchObject({
      code: 'transfer-to-self',
      field: 'toUnit',
    });
  });

  it('L3: the finder transfers only while the issue is reported, the owner only once it has accepted', () => {
    const parties = ACTION_RULES.transfer.parties!;
    const defined = ['finder', 'owner'] as const;
    expect(parties(issue({ status: 'reported' }), defined)?.allowed).toEqual(['finder']);
    expect(parties(issue({ status: 'accepted' }), defined)?.allowed).toEqual(['owner']);
  });

  it('L5: the submitPlan rule names the missing 五定 item', () => {
    const plan: Partial<ReturnType<typeof fivePlan>> = fivePlan('2027-03-31');
    delete plan.responsiblePerson;
    expect(ACTION_RULES.submitPlan.shape(plan)).toMatchObject({
      code: 'five-items-incomplete',
      field: 'responsiblePerson',
      rule: 'L5',
      message: expect.stringContaining('定责任人'),
    });
    expect(ACTION_RULES.submitPlan.shape(fivePlan('2027-03-31'))).toBeNull();
  });

  it('L5: a plan whose time limit is before today is refused, naming 定整改时限', () => {
    const state = issue({ status: 'accepted', owner: 'ULE' });
    expect(ACTION_RULES.submitPlan.check(state, fivePlan('2027-02-28'), actors.uleMember, ctx)).toMatchObject(
      {
        code: 'time-limit-in-past',
        field: 'timeLimit',
        message: expect.stringContaining('定整改时限'),
      },
    );
  });

  it('L9: a plan whose escalations pass the calendar data is refused under definition 2, accepted as provisional from 3', () => {
    const state = issue({ status: 'accepted', owner: 'ULE' });
    const v2 = { ...ctx, definition: ISSUE_PROCESS_V2 };
    expect(ACTION_RULES.submitPlan.check(state, fivePlan('2027-12-30'), actors.uleMember, v2)).toMatchObject({
      code: 'beyond-official-calendar',
      rule: 'L5,L9',
    });
    expect(ACTION_RULES.submitPlan.check(state, fivePlan('2027-12-30'), actors.uleMember, ctx)).toBeNull();
    ACTION_RULES.submitPlan.apply(state, fivePlan('2027-12-30'), actors.uleMember, ctx);
    expect(state.obligations.find((ob) => ob.kind === 'rectification')?.provisional).toBe(true);
  });

  it('L5: an applied plan starts rectification under its own time limit, with weekly progress due', () => {
    const state = issue({ status: 'accepted', owner: 'ULE' });
    ACTION_RULES.submitPlan.apply(state, fivePlan('2027-03-31'), actors.uleMember, ctx);
    expect(state.status).toBe('rectifying');
    expect(state.obligations).toEqual([
      expect.objectContaining({ kind: 'rectification', unit: 'ULE', due: '2027-03-31T15:59:59.999Z' }),
    ]);
    expect(state.progressDueAt).toBe('2027-03-08T01:00:00.000Z');
  });

  it('L8: only the county grid heads decide a major issue’s extension; 县环委办 decides the others', () => {
    const parties = ACTION_RULES.decideExtension.parties!;
    const defined = ['eco_office', 'county_head'] as const;
    expect(parties(issue({}, 'major'), defined)).toEqual({
      allowed: ['county_head'],
      named: ['county_head'],
    });
    expect(parties(issue({}, 'general'), defined)).toBeNull();
  });

  it('L8: an approved extension moves the plan’s time limit and restarts the ladder on it', () => {
    const state = issue({
      status: 'rectifying',
      owner: 'ULE',
      plan: { ...fivePlan('2027-03-31'), milestones: [] },
      extensions: [
        {
          seq: 1,
          reason: '汛期',
          proposedTimeLimit: '2027-04-30',
          requestedAt: '',
          requestedBy: '执法局网格员',
        },
      ],
    });
    const outcome = ACTION_RULES.decideExtension.apply(
      state,
      { approved: true, note: '同意' },
      actors.eco,
      ctx,
    );
    expect(outcome.payload).toEqual({ extension: 1, previousTimeLimit: '2027-03-31' });
    expect(state.plan?.timeLimit).toBe('2027-04-30');
    expect(state.obligations.map((ob) => [ob.kind, ob.due])).toEqual([
      ['rectification', '2027-04-30T15:59:59.999Z'],
    ]);
  });

  it('L11: the last joint finding completes the investigation and hands the issue to its lead unit', () => {
    const state = issue({
      status: 'joint_investigation',
      jointInvestigation: {
        round: 1,
        coordinator: '县长',
        startedAt: '',
        tasks: [
          { unit: 'EEB', task: '监测', dueDate: '2027-03-10', lead: true },
          {
            unit: 'ULE',
            task: '排查',
            dueDate: '2027-03-10',
            lead: false,
            finding: { text: '无', at: '', by: '' },
          },
        ],
      },
    });
    const outcome = ACTION_RULES.reportJointFinding.apply(
      state,
      { finding: '上游直排' },
      actors.eebMember,
      ctx,
    );
    expect(outcome.then?.map((e) => e.type)).toEqual(['joint_investigation_completed', 'owner_accepted']);
    expect([state.status, state.owner]).toEqual(['accepted', 'EEB']);
  });

  it('L6: a sign-off fills the signer’s place and closes the issue only when both owners have signed', () => {
    const state = issue({ status: 'awaiting_signoff', owner: 'ULE' });
    // A plain grid member does not sign for the unit; its head or designated sign-off officer does.
    expect(ACTION_RULES.signOff.ready?.(state, actors.uleMember, ctx)).toMatchObject({
      kind: 'forbidden',
      code: 'not-a-signatory',
    });
    const first = ACTION_RULES.signOff.apply(state, { opinion: '同意销号' }, actors.uleSignOffOfficer, ctx);
    expect([first.payload, first.then, state.status]).toEqual([
      { slots: ['sector'] },
      [],
      'awaiting_signoff',
    ]);
    expect(ACTION_RULES.signOff.ready?.(state, actors.uleHead, ctx)).toMatchObject({
      code: 'already-signed',
    });
    const second = ACTION_RULES.signOff.apply(state, { opinion: '同意销号' }, actors.township, ctx);
    expect(second.then?.map((e) => e.type)).toEqual(['closed', 'archived']);
    expect(state.status).toBe('archived');
  });

  it('L14: an objection that does not exist cannot be resolved', () => {
    const state = issue({ status: 'public_notice' });
    state.closure.publicNotice = { startedAt: '', endsAt: '', objections: [], completed: false };
    const data = { objection: 3, valid: false, note: '不成立' };
    expect(ACTION_RULES.resolveObjection.check(state, data, actors.eco, ctx)).toMatchObject({
      code: 'unknown-objection',
      field: 'objection',
    });
  });
});
