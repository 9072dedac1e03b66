import { defineProblemMessages, type ProblemMessages } from './problem-catalogue';

/*
 * What the rules' refusals (a workflow's Rejection, answered by rejectionProblem) say in Chinese, by code. The
 * English stays as the rule wrote it, with its particulars; the Chinese says the same rule in general words, since
 * a Rejection carries no parameters but its field (`{field}`).
 */

const WRONG_STATE = { 'zh-CN': '当前状态下不能办理' };
const FORBIDDEN = { 'zh-CN': '无权办理' };
const INVALID = { 'zh-CN': '填写的内容不符合规则' };

const wrongState = (detail: string): ProblemMessages => ({ title: WRONG_STATE, detail: { 'zh-CN': detail } });
const forbidden = (detail: string): ProblemMessages => ({ title: FORBIDDEN, detail: { 'zh-CN': detail } });
const invalid = (detail: string): ProblemMessages => ({ title: INVALID, detail: { 'zh-CN': detail } });

export const REJECTION_PROBLEMS = defineProblemMessages({
  // Any action of the lifecycle (dispatch, actions.ts).
  'unknown-action': invalid('没有这个办理事项。'),
  'action-not-allowed-in-state': wrongState('问题当前所处的环节不能办理此事项，请刷新后查看可办理事项。'),
  'actor-required': forbidden('办理须先登录。'),
  'actor-not-permitted': forbidden('当前用户（所在单位或岗位）无权办理此事项。'),
  'data-required': invalid('办理事项须附上填写的内容。'),
  'field-required': invalid('字段 {field} 为必填项。'),
  'field-too-long': invalid('字段 {field} 超出了允许的长度。'),
  'evidence-invalid': invalid('字段 {field} 须为已上传证据材料的编号列表。'),
  'evidence-required': invalid('请上传证据材料（照片或文件）。'),
  'date-invalid': invalid('字段 {field} 须为日期（年-月-日）。'),
  'beyond-official-calendar': invalid(
    '该日期超出了已公布的节假日安排，无法按工作日计算，请选择较近的日期，或请县环委办更新日历。',
  ),
  // L3 transfers.
  'transfer-to-self': invalid('不能把问题移交给本单位。'),
  'owner-returned-it': invalid(
    '该单位已将此问题退回（认为不属其职责）；请改交其他单位，或写明仍交该单位的理由。',
  ),
  'no-transfer-to-answer': wrongState('没有待反馈的已受理移交。'),
  // L5, L7, L8: the 五定 plan, progress and extensions.
  'five-items-incomplete': invalid(
    '五定工作表须填齐定责任单位、定责任人、定整改措施、定整改时限、定整改目标五项。',
  ),
  'time-limit-in-past': invalid('定整改时限不能早于今天。'),
  'deadline-moves-only-by-extension': invalid('报送进展不能改变整改时限；如需延长，请申请延期。'),
  'extension-pending': wrongState('已有一项延期申请等待审批。'),
  'extension-not-later': invalid('申请的整改时限须晚于现有时限。'),
  'no-extension-pending': wrongState('没有待审批的延期申请。'),
  // L6, L13, L14: sign-off, supervision group, closure and public notice.
  'already-signed': wrongState('已经签署过销号。'),
  'no-supervision-group': wrongState('此问题未成立群众监督小组。'),
  'not-the-group-leader': invalid('须由群众监督小组组长签署。'),
  'supervision-group-exists': wrongState('群众监督小组已经成立。'),
  'supervision-group-composition': invalid(
    '群众监督小组须有组长（村党支部书记）、副组长（村主任）各一名，以及党员、离退休干部、老村干、村组干代表、妇女代表、村民代表各至少一名，每人须填写姓名。',
  ),
  'consultation-required': wrongState('重大问题须先会商，才能申请销号。'),
  'unknown-objection': invalid('没有这一条异议。'),
  'objection-resolved': wrongState('这条异议已经处理过。'),
  // P5 consultations, L11 joint investigations.
  'attendees-required': invalid('会商须记录参会人员。'),
  'co-units-required': invalid('联合调查须至少有一个协办单位。'),
  'duplicate-unit': invalid('同一单位在联合调查中只能出现一次。'),
  'due-date-in-past': invalid('协办单位的反馈期限不能早于今天。'),
  'finding-already-reported': wrongState('本单位已经报送过调查结果。'),
  // P3, P4, P6: reports.
  'report-submitted': wrongState('报告已审定报送，不能再修改。'),
  'report-narrative-invalid': invalid('报告的文字部分须为文本。'),
  'report-narrative-unknown': invalid('此类报告没有 {field} 这一部分。'),
  'report-revision-empty': invalid('修改须改动文字部分，或选择按当前记录重新生成。'),
  'report-revision-changed': wrongState('报告在您打开后已被修改，请刷新后重新审定。'),
  'report-narrative-missing': invalid('审定前须写完报告的必填部分。'),
  // Definition 3 (issue #11): who may sign and convene, major and supervised issues, extensions, sources.
  'own-fix': forbidden('立行立改须由记录整改以外的人员确认，记录人不能确认自己的整改。'),
  'not-a-signatory': forbidden('销号须由责任单位负责人或单位指定的销号人员签署。'),
  'not-a-convener': forbidden('重大问题会商须由网格长召集。'),
  'attendees-too-few': invalid('会商须至少有两名参会人员。'),
  'decisions-required': invalid('会商须记录至少一项议定事项。'),
  'leader-account-required': invalid('督导组组长须以本人账号签署，请在成员中绑定组长的账号。'),
  'supervision-group-required': wrongState('此问题须成立督导组并由督导组签署后才能销号。'),
  'supervision-already-required': wrongState('此问题已标记为须成立督导组。'),
  'public-notice-required': invalid('此问题有督导组或为重大问题，不能免于公示。'),
  'extension-limit-reached': wrongState('此期限已申请过延期；如确需再次延期，须经县环委办同意。'),
  'extension-still-available': wrongState('此期限还可以正常申请延期，无需县环委办另行准许。'),
  'severity-unchanged': invalid('问题的等级与所选等级相同，无需变更。'),
  'source-invalid': invalid('问题来源须为规定的来源之一。'),
  'patrol-required': invalid('巡查发现的问题须注明所属的巡查记录。'),
  'source-unchanged': invalid('问题来源与所选来源相同，无需更正。'),
  // L21: the responsible party (业主主体责任).
  'responsible-party-required': invalid(
    '字段 {field} 须填写责任主体（类型、名称，可附统一社会信用代码和联系方式）。',
  ),
  'responsible-party-kind': invalid('责任主体的类型须为企业（单位）或个人之一。'),
  'credit-code-invalid': invalid('统一社会信用代码须为 18 位，且校验位正确。'),
  // R2: violation clues to 县生态环境局.
  'clue-answer-unknown': invalid('对违法线索的答复须为规定的答复之一。'),
  'clue-answer-not-allowed': wrongState('违法线索当前所处的环节不能作此答复。'),
  'case-number-without-case': invalid('只有决定立案查处的，才能填写案件编号。'),
  'issue-codes-invalid': invalid('须列出关联的问题编号，格式如 2027-000001。'),
  // R4: tasks assigned by the county grid heads.
  'date-in-past': invalid('字段 {field} 的日期不能早于今天。'),
  'task-not-awaiting-report': wrongState('交办任务当前不在待报送完成情况的环节。'),
  'task-not-reported': wrongState('交办任务尚未报送完成情况，不能验收或退回。'),
});
