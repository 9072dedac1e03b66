import { ESCALATION_STEPS, type ObligationKind } from '../../process/issue-process.definition';
import { versionHasRule } from '../../process/process-registry';
import type { ActionData } from '../actions';
import type { IssueSource, IssueState, Obligation, TransferRecord } from '../issue.types';
import type { NoticeText } from './events';

// Every notice's Chinese subject and body, as functions of the issue's state and the action's data.

const subject = (tag: string, state: IssueState) => `【${tag}】${state.report.title}`;

/** Whether the issue's definition writes units by name and times in Beijing time (definition 3 on). */
const readable = (state: IssueState): boolean => versionHasRule(state.definitionVersion, 'readableTexts');

/** A unit as people know it: its Chinese name where the issue knows it, else its code. */
export const unitName = (state: IssueState, code: string): string =>
  (readable(state) && state.organisation.unitNames?.[code]) || code;

/** An instant as a Beijing wall-clock time (UTC+8, no DST), e.g. 2027-03-05 23:59（北京时间）. */
export function beijingTime(iso: string): string {
  const local = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}（北京时间）`;
}

/** A deadline as the issue's definition writes it: Beijing time from definition 3 on, ISO before. */
const deadlineText = (state: IssueState, iso: string): string => (readable(state) ? beijingTime(iso) : iso);

const SOURCE_LABEL: Record<IssueSource, string> = {
  patrol: '巡查发现',
  resident_visit: '走访群众',
  public_report: '群众举报',
  higher_referral: '上级交办',
  media: '新闻媒体曝光',
  river_chief_patrol: '河长制巡查',
  forest_chief_patrol: '林长制巡查',
};

/** L16: 县环委办 corrected the source. */
export const sourceCorrectedText = (
  state: IssueState,
  previous: IssueSource,
  data: ActionData['correctSource'],
): NoticeText => ({
  subject: subject('问题来源更正', state),
  body: `县环委办将问题“${state.report.title}”的来源由“${SOURCE_LABEL[previous]}”更正为“${SOURCE_LABEL[data.source]}”：${data.reason}`,
});

/** L16: a referral or media report of a problem the grid already had is not held against it. */
export const knownBeforeText = (state: IssueState): NoticeText => ({
  subject: subject('已掌握问题', state),
  body: `问题“${state.report.title}”（${SOURCE_LABEL[state.report.source]}）与网格此前上报的问题 ${state.accountability.knownAs ?? ''} 为同一问题，不计入问责。`,
});

/** L16: found by a higher level or the media, not by the grid. */
export const accountabilityText = (state: IssueState): NoticeText => ({
  subject: subject('问责标记', state),
  body: `问题“${state.report.title}”由${state.accountability.reason}，网格未主动发现，按规定从重从严处理并计入考核。`,
});

/** L12: a major issue calls for a consultation. */
export const majorIssueText = (state: IssueState): NoticeText => ({
  subject: subject('重大问题', state),
  body: `发现重大生态环境问题“${state.report.title}”（${unitName(state, state.report.township)}），请及时组织会商。`,
});

/** L12 (v3): the copy of a major issue's report to the prefecture counterpart (抄报州级对口部门). */
export const majorIssueCopyText = (state: IssueState, reason?: string): NoticeText => ({
  subject: subject('重大问题抄报', state),
  body: `榕江县${unitName(state, state.report.township)}发现重大生态环境问题“${state.report.title}”（问题编号 ${state.code}）：${state.report.description}${
    reason ? `。认定为重大问题的理由：${reason}` : ''
  }。依照榕府办发〔2022〕13号抄报州级对口部门。`,
});

/** L12 (v3): severity changed by 县环委办 or a county grid head. */
export const severityChangedText = (state: IssueState, data: ActionData['changeSeverity']): NoticeText => ({
  subject: subject(data.severity === 'major' ? '认定为重大问题' : '调整为一般问题', state),
  body: `问题“${state.report.title}”调整为${data.severity === 'major' ? '重大' : '一般'}问题：${data.reason}`,
});

/** L13 (v3): 县环委办 requires a supervision group. */
export const supervisionRequiredText = (
  state: IssueState,
  data: ActionData['requireSupervisionGroup'],
): NoticeText => ({
  subject: subject('须成立群众监督小组', state),
  body: `问题“${state.report.title}”影响较大、群众关注度较高，请督促指导成立问题整改群众监督工作领导小组，全程参与整改监督：${data.reason}`,
});

/** L22: a river-chief finding waits for 县水务局 to dispatch it (分办). */
export const riverChiefFindingText = (state: IssueState): NoticeText => ({
  subject: subject('河长制巡查发现问题，请分办', state),
  body: `河长制巡查发现问题“${state.report.title}”（${state.report.township}），请在 ${state.policy.reportHandlingWorkingDays} 个工作日内确定责任单位（分办），并督办整改。`,
});

/** L22: a forest-chief finding is told to 县林业局, which cooperates on it. */
export const forestChiefFindingText = (state: IssueState): NoticeText => ({
  subject: subject('林长制巡查发现问题，请协调配合', state),
  body: `林长制巡查发现问题“${state.report.title}”（${state.report.township}），责任单位为 ${state.sectorOwner}，请协调配合解决。`,
});

export const transferText = (
  state: IssueState,
  fromUnit: string,
  data: ActionData['transfer'],
): NoticeText => ({
  subject: subject('移交', state),
  body: `${unitName(state, fromUnit)} 将问题“${state.report.title}”移交贵单位：${data.reason}。请在 ${state.policy.transferAcceptWorkingDays} 个工作日内受理或退回。`,
});

export const transferReturnedText = (
  state: IssueState,
  transfer: TransferRecord,
  data: ActionData['returnTransfer'],
): NoticeText => ({
  subject: subject('移交退回，待定责', state),
  body: `${unitName(state, transfer.toUnit)} 退回问题“${state.report.title}”：${data.reason}。请县环委办确定责任单位。`,
});

export const ownerAssignedText = (state: IssueState): NoticeText => ({
  subject: subject('定责', state),
  body: `县环委办确定由贵单位负责问题“${state.report.title}”的整改。`,
});

export const transferFeedbackText = (
  state: IssueState,
  data: ActionData['reportTransferFeedback'],
): NoticeText => ({ subject: subject('查处结果反馈', state), body: data.result });

export const fixToConfirmText = (state: IssueState, data: ActionData['recordImmediateFix']): NoticeText => ({
  subject: subject('立行立改待确认', state),
  body: data.description,
});

export const extensionRequestedText = (
  state: IssueState,
  data: ActionData['requestExtension'],
): NoticeText => ({
  subject: subject('延期申请', state),
  body: `申请将整改时限延至 ${data.proposedTimeLimit}：${data.reason}`,
});

export const extensionDecidedText = (state: IssueState, data: ActionData['decideExtension']): NoticeText => ({
  subject: subject(`延期${data.approved ? '批准' : '不予批准'}`, state),
  body: data.note,
});

/** L8 (v3): 县环委办 allowed one more extension request. */
export const anotherExtensionText = (state: IssueState, reason: string): NoticeText => ({
  subject: subject('准予再次申请延期', state),
  body: `县环委办准予就问题“${state.report.title}”再次申请延期一次：${reason}`,
});

export const jointInvestigationText = (
  state: IssueState,
  coordinator: string,
  data: ActionData['startJointInvestigation'],
): NoticeText => ({
  subject: subject('联合调查', state),
  body: `${unitName(state, coordinator)} 组织联合调查，牵头单位 ${unitName(state, data.lead.unit)}，请各单位按期报送调查结果。`,
});

export const closureAppliedText = (state: IssueState, data: ActionData['applyForClosure']): NoticeText => ({
  subject: subject('销号申请', state),
  body: data.summary,
});

export const sentBackText = (state: IssueState, data: ActionData['sendBack']): NoticeText => ({
  subject: subject('验收退回', state),
  body: data.reason,
});

const OBLIGATION_LABEL: Record<ObligationKind, string> = {
  report_handling: '问题移交',
  transfer_acceptance: '移交受理',
  transfer_feedback: '查处结果反馈',
  plan: '五定整改方案',
  rectification: '整改',
  consultation: '重大问题会商',
  fix_confirmation: '立行立改确认',
  closure_acceptance: '销号验收',
};

const LADDER_TAG = ['到期提醒', '逾期', '县级督办', '总网格长督办'] as const;

/** L10: one step of an obligation's escalation ladder. */
export const ladderText = (state: IssueState, ob: Obligation, step: number): NoticeText => ({
  subject: subject(LADDER_TAG[Math.min(step, 3)], state),
  body: `问题“${state.report.title}”的${OBLIGATION_LABEL[ob.kind]}期限为 ${deadlineText(state, ob.due)}${ob.provisional ? '（暂定）' : ''}（责任单位 ${unitName(state, ob.unit)}）。${ESCALATION_STEPS[step].label}。`,
});

/** L7: weekly progress is due. */
export const progressReminderText = (state: IssueState): NoticeText => ({
  subject: subject('进展报送提醒', state),
  body: `请每周报送问题“${state.report.title}”的整改进展。`,
});

/** L14: an archived issue recurred. */
export const reopenedText = (state: IssueState, reason: string): NoticeText => ({
  subject: subject('问题复发，重新整改', state),
  body: reason,
});

/** L9: the official calendar of a new year moved the issue's deadlines. */
export const deadlinesReplannedText = (
  state: IssueState,
  moved: ReadonlyArray<{ kind: ObligationKind; due: string; previousDue: string }>,
): NoticeText => ({
  subject: subject('期限调整', state),
  body: `根据新载入的国务院节假日安排，问题“${state.report.title}”的期限调整为：${moved
    .map((m) => `${OBLIGATION_LABEL[m.kind]} ${beijingTime(m.previousDue)} → ${beijingTime(m.due)}`)
    .join('；')}。`,
});
