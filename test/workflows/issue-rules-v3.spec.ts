import type { WorkflowHandle } from '@temporalio/client';
import type { IssueLifecycleInput } from '../../domain/issue/issue.types';
import { ISSUE_PROCESS, ISSUE_PROCESS_V2 } from '../../domain/process/issue-process.definition';
import { issueStateQuery } from '../../workflows/issue/issue.messages';
import { jointWorkflowId } from '../../workflows/issue/issue.workflow';
import { lifecycleHarness } from '../support/lifecycle-harness';
import { actors, fivePlan, report, supervisionGroup } from '../support/lifecycle-fixtures';

// The rules definition version 3 changed (issue #11, part A), each over the real workflow on the time-skipping
// server; `npm run record-histories` keeps these runs as the v3 replay fixtures.
describe('issueLifecycle under definition v3', () => {
  const h = lifecycleHarness({ taskQueue: 'lifecycle-v3', codeYear: '2027', historyPrefix: 'v3-lean-rules' });
  const { act, refused, eventsOf, until, settle, travelTo } = h;

  /** The finder (WRB) transfers to 农业农村局, which returns it; 县环委办 is to decide. */
  async function returnedByAgr(overrides: Partial<IssueLifecycleInput> = {}) {
    const handle = await h.start(overrides);
    await act(handle, 'transfer', actors.wrbMember, { toUnit: 'AGR', reason: '疑似畜禽养殖污染' });
    await act(handle, 'returnTransfer', actors.agrMember, { reason: '系生活垃圾，非本单位职责' });
    return handle;
  }

  async function acceptedByUle(overrides: Partial<IssueLifecycleInput> = {}) {
    const handle = await h.start(overrides);
    await act(handle, 'transfer', actors.wrbMember, { toUnit: 'ULE', reason: '属于生活垃圾，执法局职责' });
    await act(handle, 'acceptTransfer', actors.uleMember, {});
    await act(handle, 'reportTransferFeedback', actors.uleMember, { result: '已立案' });
    return handle;
  }

  async function rectifying(timeLimit: string, overrides: Partial<IssueLifecycleInput> = {}) {
    const handle = await acceptedByUle(overrides);
    await act(handle, 'submitPlan', actors.uleMember, fivePlan(timeLimit));
    return handle;
  }

  const consultation = {
    date: '2027-03-15',
    attendees: ['副县长', '县综合行政执法局', '古州镇'],
    minutes: '研究整改方案',
    decisions: ['执法局三日内清运'],
  };

  const obligation = (handle: WorkflowHandle, kind: string) =>
    handle.query(issueStateQuery).then((s) => s.obligations.find((o) => o.kind === kind));

  it('L3: the owner 县环委办 names after a returned transfer owes the transferring unit its result, reminded and escalated', async () => {
    await travelTo('2027-03-01T01:00:00Z'); // Monday 09:00 in Shanghai
    const handle = await returnedByAgr();
    const assigned = await act(handle, 'assignOwner', actors.eco, { unit: 'ULE', note: '由执法局整改' });
    expect(assigned).toMatchObject({
      status: 'accepted',
      owner: 'ULE',
      definitionVersion: ISSUE_PROCESS.version,
    });
    expect(assigned.transfers[0]).toMatchObject({ outcome: 'returned', settledOwner: 'ULE' });
    // 10 working days after Monday 03-01: the end of Monday 03-15.
    expect(assigned.obligations.find((o) => o.kind === 'transfer_feedback')).toMatchObject({
      unit: 'ULE',
      due: '2027-03-15T15:59:59.999Z',
    });
    await travelTo('2027-03-15T16:00:05Z');
    await until(handle, (s) => s.obligations.some((o) => o.kind === 'transfer_feedback' && o.step === 1));
    const ladder = eventsOf(handle).filter((e) => e.payload.obligation === 'transfer_feedback');
    expect(ladder.map((e) => [e.type, e.payload.unit])).toEqual([
      ['deadline_reminder', 'ULE'],
      ['escalated', 'ULE'],
    ]);
    const fed = await act(handle, 'reportTransferFeedback', actors.uleMember, { result: '已清运，立案查处' });
    expect(fed.transfers[0]?.feedback).toMatchObject({ result: '已清运，立案查处' });
    expect(fed.obligations.map((o) => o.kind)).not.toContain('transfer_feedback');
    const feedback = eventsOf(handle).find((e) => e.type === 'reportTransferFeedback');
    expect(feedback?.notices[0]?.audiences).toEqual([{ role: 'unit_head', unit: 'WRB' }]);
    await settle(handle);
  });

  it('L3: 县环委办 may assign a returned issue back to the unit that returned it, with a recorded reason', async () => {
    const handle = await returnedByAgr();
    expect(await refused(act(handle, 'assignOwner', actors.eco, { unit: 'AGR' }))).toMatchObject({
      code: 'owner-returned-it',
      field: 'reason',
      rule: 'L3',
    });
    const back = await act(handle, 'assignOwner', actors.eco, {
      unit: 'AGR',
      reason: '经核查系养殖场粪污直排，属农业农村局职责',
    });
    expect(back).toMatchObject({ status: 'accepted', owner: 'AGR', sectorOwner: 'AGR' });
    expect(back.obligations.find((o) => o.kind === 'transfer_feedback')?.unit).toBe('AGR');
    const assigned = await h.writtenEvent(handle, (e) => e.type === 'assignOwner');
    expect(assigned.payload).toMatchObject({
      unit: 'AGR',
      reason: '经核查系养殖场粪污直排，属农业农村局职责',
    });
    await act(handle, 'reportTransferFeedback', actors.agrMember, { result: '已责令养殖场停止直排' });
    await settle(handle);
  });

  it('L3: a re-transfer never drops an earlier transferring unit’s feedback', async () => {
    const handle = await h.start();
    await act(handle, 'transfer', actors.wrbMember, { toUnit: 'ULE', reason: '生活垃圾' });
    await act(handle, 'acceptTransfer', actors.uleMember, {});
    const passedOn = await act(handle, 'transfer', actors.uleMember, { toUnit: 'AGR', reason: '系养殖粪污' });
    expect(passedOn.obligations.map((o) => o.kind)).toContain('transfer_feedback');
    const accepted = await act(handle, 'acceptTransfer', actors.agrMember, {});
    expect(accepted.obligations.find((o) => o.kind === 'transfer_feedback')?.unit).toBe('AGR');
    const fed = await act(handle, 'reportTransferFeedback', actors.agrMember, { result: '已查处' });
    expect(fed.transfers.map((t) => [t.fromUnit, t.feedback?.result])).toEqual([
      ['WRB', '已查处'],
      ['ULE', '已查处'],
    ]);
    const feedback = eventsOf(handle).find((e) => e.type === 'reportTransferFeedback');
    expect(feedback?.notices[0]?.audiences).toEqual([
      { role: 'unit_head', unit: 'WRB' },
      { role: 'unit_head', unit: 'ULE' },
    ]);
    await settle(handle);
  });

  it('L3: an issue started under definition 2 keeps the rules it started with', async () => {
    const handle = await returnedByAgr({ definitionVersion: ISSUE_PROCESS_V2.version });
    expect(
      await refused(act(handle, 'assignOwner', actors.eco, { unit: 'AGR', reason: '属农业农村局职责' })),
    ).toMatchObject({ code: 'owner-returned-it', field: 'unit' });
    const assigned = await act(handle, 'assignOwner', actors.eco, { unit: 'ULE' });
    expect(assigned.obligations.map((o) => o.kind)).toEqual(['plan']);
    expect(
      await refused(act(handle, 'reportTransferFeedback', actors.uleMember, { result: '已查处' })),
    ).toMatchObject({ code: 'no-transfer-to-answer' });
    expect(
      await refused(act(handle, 'changeSeverity', actors.eco, { severity: 'major', reason: '影响大' })),
    ).toMatchObject({ code: 'unknown-action' });
    await settle(handle);
  });

  it('L12: 县环委办 or a county grid head raises an issue to major with a reason, which reports it, copies the prefecture and calls a consultation; lowering it lifts that', async () => {
    const handle = await acceptedByUle();
    const raise = { severity: 'major', reason: '涉及集中式饮用水水源保护区' } as const;
    expect(await refused(act(handle, 'changeSeverity', actors.uleHead, raise))).toMatchObject({
      kind: 'forbidden',
    });
    expect(
      await refused(act(handle, 'changeSeverity', actors.eco, { severity: 'general', reason: '无变化' })),
    ).toMatchObject({ code: 'severity-unchanged' });
    const raised = await act(handle, 'changeSeverity', actors.deputyChief, raise);
    expect(raised.report.severity).toBe('major');
    expect(raised).toMatchObject({ consultationRequired: true, prefectureCopies: [{ unit: 'ULE' }] });
    expect(raised.majorSince).toEqual(expect.any(String));
    expect(raised.severityChanges).toMatchObject([{ from: 'general', to: 'major', reason: raise.reason }]);
    expect(raised.obligations.find((o) => o.kind === 'consultation')?.unit).toBe('ULE');
    const major = await h.writtenEvent(handle, (e) => e.type === 'major_issue_reported');
    expect(major).toMatchObject({ actor: '副县长', payload: { prefectureCopy: { unit: 'ULE' } } });
    expect(major.notices.map((n) => [n.kind, n.audiences.map((a) => a.role)])).toEqual([
      ['major_issue', ['chief', 'deputy_chief', 'eco_office']],
      ['major_issue_copy', ['prefecture_counterpart']],
    ]);
    expect(major.notices[1]?.body).toContain(raise.reason);
    // Operators find it among the major issues in the Temporal UI.
    expect((await handle.describe()).searchAttributes.Severity).toEqual(['major']);
    const lowered = await act(handle, 'changeSeverity', actors.eco, {
      severity: 'general',
      reason: '经核实影响有限',
    });
    expect(lowered).toMatchObject({ consultationRequired: false, majorSince: null });
    expect(lowered.obligations.map((o) => o.kind)).not.toContain('consultation');
    await settle(handle);
  });

  it('L12: a major issue fixed on the spot goes to closure only after a grid head’s consultation with attendees and decisions, through 验收 and 公示', async () => {
    const handle = await acceptedByUle({ report: report({ severity: 'major' }) });
    await act(handle, 'recordImmediateFix', actors.uleMember, {
      description: '当场清运',
      evidence: ['a.jpg'],
    });
    // L4, L14: confirmed, a major issue's fix goes to 验收, not straight to the owners' sign-off.
    const confirmed = await act(handle, 'confirmFix', actors.uleLeader, { opinion: '现场核实已清运' });
    expect(confirmed.status).toBe('awaiting_acceptance');
    expect(await refused(act(handle, 'acceptRectification', actors.eco, { opinion: '合格' }))).toMatchObject({
      code: 'consultation-required',
      rule: 'L12',
    });
    // P5: 县环委办 staff are no grid head; one attendee or no decision is no consultation.
    expect(await refused(act(handle, 'recordConsultation', actors.eco, consultation))).toMatchObject({
      kind: 'forbidden',
      code: 'not-a-convener',
    });
    expect(
      await refused(
        act(handle, 'recordConsultation', actors.chief, { ...consultation, attendees: ['县长'] }),
      ),
    ).toMatchObject({ code: 'attendees-too-few' });
    expect(
      await refused(act(handle, 'recordConsultation', actors.chief, { ...consultation, decisions: [] })),
    ).toMatchObject({ code: 'decisions-required' });
    const consulted = await act(handle, 'recordConsultation', actors.chief, consultation);
    expect(consulted.consultations[0]).toMatchObject({ convenedBy: 'chief' });
    expect(consulted.obligations.map((o) => o.kind)).not.toContain('consultation');
    // It counts for the convener's P5 duty: the ledger writer is told so.
    const recorded = await h.writtenEvent(handle, (e) => e.type === 'recordConsultation');
    expect(recorded.payload).toMatchObject({ countsForP5: true, convenedBy: 'chief' });
    const noticed = await act(handle, 'acceptRectification', actors.eco, { opinion: '验收合格' });
    expect(noticed.status).toBe('public_notice');
    await travelTo(new Date(Date.parse(noticed.closure.publicNotice!.endsAt) + 5000).toISOString());
    await until(handle, (s) => s.status === 'awaiting_signoff');
    await act(handle, 'signOff', actors.uleHead, { opinion: '同意' });
    const archived = await act(handle, 'signOff', actors.township, { opinion: '同意' });
    expect(archived.status).toBe('archived');
    const manifest = (await h.writtenEvent(handle, (e) => e.type === 'archived')).payload.manifest as Array<{
      item: string;
    }>;
    expect(manifest.map((m) => m.item)).toEqual(expect.arrayContaining(['立行立改记录', '验收意见', '公示']));
  });

  it('L4: the member who records an immediate fix cannot confirm it', async () => {
    const handle = await acceptedByUle();
    await act(handle, 'recordImmediateFix', actors.uleLeader, {
      description: '当场清运',
      evidence: ['a.jpg'],
    });
    expect(await refused(act(handle, 'confirmFix', actors.uleLeader, { opinion: '已整改' }))).toMatchObject({
      kind: 'forbidden',
      code: 'own-fix',
      rule: 'L4',
    });
    const confirmed = await act(handle, 'confirmFix', actors.uleHead, { opinion: '现场核实已整改' });
    expect(confirmed.status).toBe('awaiting_signoff');
    await settle(handle);
  });

  it('L14: an immediate fix under a supervision group goes through 验收 and a 公示 县环委办 cannot waive; sent back, it is fixed again', async () => {
    const handle = await acceptedByUle();
    await act(handle, 'formSupervisionGroup', actors.township, { members: [...supervisionGroup] });
    await act(handle, 'recordImmediateFix', actors.uleMember, {
      description: '当场清运',
      evidence: ['a.jpg'],
    });
    const confirmed = await act(handle, 'confirmFix', actors.uleLeader, { opinion: '已整改' });
    expect(confirmed.status).toBe('awaiting_acceptance');
    const sentBack = await act(handle, 'sendBack', actors.eco, { reason: '仍有垃圾' });
    expect(sentBack.status).toBe('accepted');
    expect(sentBack.obligations.map((o) => o.kind)).toEqual(['plan']);
    await act(handle, 'recordImmediateFix', actors.uleMember, {
      description: '彻底清运',
      evidence: ['b.jpg'],
    });
    await act(handle, 'confirmFix', actors.uleLeader, { opinion: '已彻底整改' });
    expect(
      await refused(act(handle, 'acceptRectification', actors.eco, { opinion: '合格', publicNotice: false })),
    ).toMatchObject({ code: 'public-notice-required', rule: 'L14' });
    const noticed = await act(handle, 'acceptRectification', actors.eco, { opinion: '合格' });
    expect(noticed.status).toBe('public_notice');
    await settle(handle);
  });

  it('L13: 县环委办 finds wide impact or strong public concern, and the issue cannot close without a supervision group', async () => {
    const handle = await rectifying('2027-06-30');
    const flag = { reason: '群众多次反映，媒体关注' };
    expect(await refused(act(handle, 'requireSupervisionGroup', actors.township, flag))).toMatchObject({
      kind: 'forbidden',
    });
    const flagged = await act(handle, 'requireSupervisionGroup', actors.eco, flag);
    expect(flagged.supervisionRequired).toMatchObject({ reason: flag.reason, by: '县环委办干部' });
    const notice = await h.writtenEvent(handle, (e) => e.type === 'requireSupervisionGroup');
    expect(notice.notices[0]?.audiences).toEqual([{ role: 'unit_head', unit: 'T-GUZHOU' }]);
    expect(await refused(act(handle, 'requireSupervisionGroup', actors.eco, flag))).toMatchObject({
      code: 'supervision-already-required',
    });
    const application = { summary: '已整改', evidence: ['a.jpg'] };
    expect(await refused(act(handle, 'applyForClosure', actors.uleMember, application))).toMatchObject({
      code: 'supervision-group-required',
      rule: 'L13',
    });
    await act(handle, 'formSupervisionGroup', actors.township, { members: [...supervisionGroup] });
    const applied = await act(handle, 'applyForClosure', actors.uleMember, application);
    expect(applied.status).toBe('awaiting_acceptance');
    await settle(handle);
  });

  it('L8: a deadline is extended at most once unless 县环委办 allows another', async () => {
    const handle = await rectifying('2027-06-30');
    expect(await refused(act(handle, 'allowAnotherExtension', actors.eco, { reason: '汛期' }))).toMatchObject(
      {
        code: 'extension-still-available',
      },
    );
    await act(handle, 'requestExtension', actors.uleMember, {
      reason: '雨季',
      proposedTimeLimit: '2027-07-30',
    });
    await act(handle, 'decideExtension', actors.eco, { approved: true, note: '同意' });
    const again = { reason: '设备未到', proposedTimeLimit: '2027-08-31' };
    expect(await refused(act(handle, 'requestExtension', actors.uleMember, again))).toMatchObject({
      kind: 'wrong-state',
      code: 'extension-limit-reached',
      rule: 'L8',
    });
    expect(
      await refused(act(handle, 'allowAnotherExtension', actors.uleMember, { reason: '汛期' })),
    ).toMatchObject({ kind: 'forbidden' });
    const allowed = await act(handle, 'allowAnotherExtension', actors.eco, { reason: '汛期持续' });
    expect(allowed.extraExtensionsAllowed).toBe(1);
    await act(handle, 'requestExtension', actors.uleMember, again);
    const extended = await act(handle, 'decideExtension', actors.eco, { approved: true, note: '同意' });
    expect(extended.plan?.timeLimit).toBe('2027-08-31');
    expect(
      await refused(
        act(handle, 'requestExtension', actors.uleMember, { ...again, proposedTimeLimit: '2027-09-30' }),
      ),
    ).toMatchObject({ code: 'extension-limit-reached' });
    await settle(handle);
  });

  it('L11: a joint investigation started during rectification keeps the rectification deadline and its ladder', async () => {
    await travelTo('2027-04-12T01:00:00Z'); // Monday
    const handle = await rectifying('2027-04-16'); // Friday
    const due = (await obligation(handle, 'rectification'))?.due;
    expect(due).toBe('2027-04-16T15:59:59.999Z');
    const started = await act(handle, 'startJointInvestigation', actors.deputyChief, {
      lead: { unit: 'EEB', task: '监测水质，查明污染源', dueDate: '2027-04-23' },
      coUnits: [{ unit: 'AGR', task: '排查上游养殖场', dueDate: '2027-04-23' }],
    });
    expect(started.status).toBe('joint_investigation');
    expect(started.obligations.find((o) => o.kind === 'rectification')).toMatchObject({ unit: 'ULE', due });
    // The deadline passes during the investigation: the ladder climbs as it would have.
    await travelTo('2027-04-16T16:00:05Z');
    await until(handle, (s) => s.obligations.some((o) => o.kind === 'rectification' && o.step === 1));
    const escalated = eventsOf(handle).filter((e) => e.payload.obligation === 'rectification');
    expect(escalated.map((e) => e.type)).toEqual(['deadline_reminder', 'escalated']);
    await act(handle, 'reportJointFinding', actors.agrMember, { finding: '上游两家养殖场直排' });
    const done = await act(handle, 'reportJointFinding', actors.eebMember, { finding: '河段COD超标' });
    // Back to rectification under the same plan; the lead unit takes the issue and its deadline on.
    expect(done).toMatchObject({ status: 'rectifying', owner: 'EEB', sectorOwner: 'EEB' });
    expect(done.plan?.timeLimit).toBe('2027-04-16');
    expect(done.obligations.find((o) => o.kind === 'rectification')).toMatchObject({
      unit: 'EEB',
      due,
      step: 1,
    });
    expect(done.progressDueAt).not.toBeNull();
    const child = h.env().client.workflow.getHandle(jointWorkflowId(handle.workflowId, 1));
    expect((await child.result()) as unknown).toMatchObject({
      reported: expect.arrayContaining(['EEB', 'AGR']),
    });
    await settle(handle);
  });
});
