import { requireText } from '../../actions';
import { holdsAny, SIGN_OFF_ROLES, type Actor } from '../../../organisation/roles';
import type { IssueState } from '../../issue.types';
import { nothingToCheck, type ActionRule } from '../action-rule';
import { iso, ruleOn, type LifecycleContext } from '../context';
import { event, SYSTEM_ACTOR, type EventDraft } from '../events';
import { reject } from '../../../common/rejection';
import { versionHasRule } from '../../../process/process-registry';
import { beijingTime, unitName } from '../notice-texts';

// L6, L13, L14: both owners sign (双销号), and the supervision group's leader where one was formed.

/** The owners' places this actor's unit may still sign in: a unit that is both signs both. */
function signOffSlots(state: IssueState, actor: Actor): Array<'sector' | 'territorial'> {
  const slots: Array<'sector' | 'territorial'> = [];
  if (actor.unitCode === state.sectorOwner && !state.closure.signOffs.sector) slots.push('sector');
  if (actor.unitCode === state.territorialOwner && !state.closure.signOffs.territorial)
    slots.push('territorial');
  return slots;
}

export const signOff: ActionRule<'signOff'> = {
  shape: (data) => requireText(data, 'opinion', 'L6'),
  check: nothingToCheck,
  ready: (state, actor, ctx) => {
    // v3 (L6): a unit signs through its heads or a member it designated, never through any grid member.
    if (ruleOn(ctx, 'signOffAuthority') && !holdsAny(actor.roles, SIGN_OFF_ROLES)) {
      const message =
        'a 销号 is signed by the unit’s head or deputy head, or its designated sign-off officer';
      return reject('forbidden', 'not-a-signatory', message, { rule: 'L6' });
    }
    return signOffSlots(state, actor).length > 0
      ? null
      : reject('wrong-state', 'already-signed', `${actor.unitCode} has already signed the closure`, {
          rule: 'L6',
        });
  },
  apply: (state, data, actor, ctx) => {
    const signed = { by: actor.name, unit: actor.unitCode, at: iso(ctx.now), opinion: data.opinion };
    const slots = signOffSlots(state, actor);
    for (const slot of slots) state.closure.signOffs[slot] = signed;
    return { payload: { slots }, then: closeIfComplete(state, ctx) };
  },
};

export const supervisionGroupSignOff: ActionRule<'supervisionGroupSignOff'> = {
  shape: (data) =>
    (data.leaderName === undefined ? null : requireText(data, 'leaderName', 'L13', 128)) ??
    requireText(data, 'opinion', 'L13'),
  ready: (state, actor, ctx) => {
    if (!state.supervisionGroup) {
      return reject('wrong-state', 'no-supervision-group', 'no supervision group was formed for this issue', {
        rule: 'L13',
      });
    }
    if (state.closure.signOffs.supervisionGroup) {
      return reject('wrong-state', 'already-signed', 'the supervision group has already signed', {
        rule: 'L13',
      });
    }
    // v3 (L13): the leader signs with their own account; a typed name is not a signature.
    const leader = state.supervisionGroup.members.find((m) => m.kind === 'leader');
    if (ruleOn(ctx, 'signOffAuthority') && leader?.memberId !== actor.id) {
      const message = 'the group’s leader (组长) signs with their own account';
      return reject('forbidden', 'not-the-group-leader', message, { rule: 'L13' });
    }
    return null;
  },
  check: (state, data, _actor, ctx) => {
    if (ruleOn(ctx, 'signOffAuthority')) return null;
    const leader = state.supervisionGroup?.members.find((m) => m.kind === 'leader');
    return leader?.name === data.leaderName
      ? null
      : reject('invalid-data', 'not-the-group-leader', 'the sign-off must be by the group’s leader (组长)', {
          field: 'leaderName',
          rule: 'L13',
        });
  },
  apply: (state, data, actor, ctx) => {
    state.closure.signOffs.supervisionGroup = {
      by: ruleOn(ctx, 'signOffAuthority') ? actor.name : data.leaderName!,
      unit: actor.unitCode,
      at: iso(ctx.now),
      opinion: data.opinion,
    };
    return { then: closeIfComplete(state, ctx) };
  },
};

/** L6, L13, L14: closed only when both owners (and the supervision group, if formed) have signed; then archived. */
function closeIfComplete(state: IssueState, ctx: LifecycleContext): EventDraft[] {
  const s = state.closure.signOffs;
  if (!s.sector || !s.territorial || (state.supervisionGroup && !s.supervisionGroup)) return [];
  state.status = 'closed';
  const closed = event(SYSTEM_ACTOR, 'closed', { rules: ['L6', 'L14'] });
  closed.ledger.push(
    { op: 'close', unit: state.sectorOwner, role: 'sector_owner' },
    { op: 'close', unit: state.territorialOwner, role: 'territorial_owner' },
    { op: 'close', unit: state.report.finderUnit, role: 'finder' },
  );
  state.closure.archivedAt = iso(ctx.now);
  state.status = 'archived';
  state.obligations = [];
  const archived = event(SYSTEM_ACTOR, 'archived', { rule: 'L14', manifest: archiveManifest(state) });
  return [closed, archived];
}

/** One entry of the 建档 manifest; from definition 3 on, the evidence files it holds by id. */
export interface ManifestItem {
  item: string;
  detail: string;
  evidence?: string[];
}

/** 建档 manifest: the closure materials the archive holds (L14). */
export function archiveManifest(state: IssueState): ManifestItem[] {
  if (versionHasRule(state.definitionVersion, 'readableTexts')) return readableManifest(state);
  const items: ManifestItem[] = [
    { item: '问题上报', detail: `${state.report.title}（${state.reportedAt}）` },
  ];
  if (state.immediateFix)
    items.push({ item: '立行立改记录', detail: `${state.immediateFix.evidence.length} 份证据` });
  if (state.plan)
    items.push({
      item: '五定工作表',
      detail: `${state.plan.responsibleUnit} / ${state.plan.responsiblePerson} / ${state.plan.timeLimit}`,
    });
  if (state.progressReports > 0) items.push({ item: '整改进展', detail: `${state.progressReports} 次` });
  if (state.closure.application)
    items.push({ item: '整改证明材料', detail: `${state.closure.application.evidence.length} 份` });
  if (state.closure.acceptance) items.push({ item: '验收意见', detail: state.closure.acceptance.opinion });
  if (state.supervisionGroup)
    items.push({ item: '群众监督小组意见', detail: state.closure.signOffs.supervisionGroup?.opinion ?? '' });
  if (state.closure.publicNotice)
    items.push({
      item: '公示',
      detail: `${state.closure.publicNotice.startedAt} 至 ${state.closure.publicNotice.endsAt}`,
    });
  for (const [slot, label] of [
    ['sector', '行业主管部门销号'],
    ['territorial', '属地乡镇销号'],
  ] as const) {
    const s = state.closure.signOffs[slot];
    if (s) items.push({ item: label, detail: `${s.unit} ${s.by} ${s.at}` });
  }
  return items;
}

/** The manifest from definition 3 on: evidence listed by id, units by their Chinese names, Beijing time. */
function readableManifest(state: IssueState): ManifestItem[] {
  const files = (ids: readonly string[]) => (ids.length > 0 ? ids.join('、') : '无');
  const items: ManifestItem[] = [
    {
      item: '问题上报',
      detail: `${state.report.title}（${beijingTime(state.reportedAt)}，证据：${files(state.report.evidence)}）`,
      evidence: [...state.report.evidence],
    },
  ];
  const fix = state.immediateFix;
  if (fix)
    items.push({ item: '立行立改记录', detail: `证据：${files(fix.evidence)}`, evidence: [...fix.evidence] });
  if (state.plan)
    items.push({
      item: '五定工作表',
      detail: `${state.plan.responsibleUnit} / ${state.plan.responsiblePerson} / 整改时限 ${state.plan.timeLimit}`,
    });
  if (state.progressReports > 0) items.push({ item: '整改进展', detail: `${state.progressReports} 次` });
  const application = state.closure.application;
  if (application)
    items.push({
      item: '整改证明材料',
      detail: `证据：${files(application.evidence)}`,
      evidence: [...application.evidence],
    });
  if (state.closure.acceptance) items.push({ item: '验收意见', detail: state.closure.acceptance.opinion });
  if (state.supervisionGroup)
    items.push({ item: '群众监督小组意见', detail: state.closure.signOffs.supervisionGroup?.opinion ?? '' });
  const pn = state.closure.publicNotice;
  if (pn) items.push({ item: '公示', detail: `${beijingTime(pn.startedAt)} 至 ${beijingTime(pn.endsAt)}` });
  for (const [slot, label] of [
    ['sector', '行业主管部门销号'],
    ['territorial', '属地乡镇销号'],
  ] as const) {
    const s = state.closure.signOffs[slot];
    if (s) items.push({ item: label, detail: `${unitName(state, s.unit)} ${s.by} ${beijingTime(s.at)}` });
  }
  return items;
}
