import type { Rejection } from '../../domain/common/rejection';
import { rejectionProblem } from '../common/problem';
import { defineProblemMessages } from '../common/problem-catalogue';
import { conflict, forbidden, invalidField, notFound, stateConflict } from '../common/problem-factories';

/** What the reports module's own problems say in Chinese; `report-submitted` is the rules' (rejection.problems). */
export const REPORT_PROBLEMS = defineProblemMessages({
  'report-not-found': {
    title: { 'zh-CN': '没有该报告' },
    detail: { 'zh-CN': '没有这份报告。' },
  },
  'report-not-in-scope': {
    title: { 'zh-CN': '无权查看' },
    detail: { 'zh-CN': '只有本单位、县环委办和总（副总）网格长可以查看此报告。' },
  },
  'report-not-running': {
    title: { 'zh-CN': '当前状态下不能办理' },
    detail: { 'zh-CN': '这份报告的流程已经取消；请重新发起该周期的报告。' },
  },
  'bulletin-exists': {
    title: { 'zh-CN': '简报已生成' },
    detail: { 'zh-CN': '本期简报已经生成；请修改它，或按当前记录重新生成。' },
  },
});

/** The reports module's errors (SPEC P3, P4, P6, P8), each with a stable code clients can switch on. */
export const ReportErrors = {
  badKind: (kind: string, allowed: readonly string[]) =>
    invalidField('kind', 'report-kind', `kind "${kind.slice(0, 40)}" must be one of ${allowed.join(', ')}`, {
      zh: `报告类型须为 ${allowed.join('、')} 之一`,
    }),
  badPeriod: (field: string, message: string) =>
    invalidField(field, 'report-period', message, {
      zh: `${field} 不是有效的报告周期（周如 2027-W02，月如 2027-03，年如 2027）`,
    }),
  notFound: (id: string) => notFound('report-not-found', 'Report not found', `There is no report ${id}.`),
  notInScope: (id: string) =>
    forbidden(
      'report-not-in-scope',
      `Report ${id} is readable by its unit, 县环委办 and the county heads only.`,
    ),
  countyWideOnly: (what: string) =>
    forbidden('actor-not-permitted', `${what} is for 县环委办 and the county heads.`, {
      field: 'actor',
      rule: 'P3',
      message: `${what} is for 县环委办 and the county heads`,
    }),
  officeOnly: (what: string) =>
    forbidden('actor-not-permitted', `${what} is done by 县环委办.`, {
      field: 'actor',
      rule: 'P8',
      message: `${what} is done by 县环委办`,
    }),
  /** A refusal of the report workflow (its Rejection) as 409, 403 or 422. */
  rejected: (rejection: Rejection) => rejectionProblem(rejection, 'report'),
  submitted: (id: string) =>
    stateConflict(
      'report-submitted',
      'report',
      `Report ${id} has been approved and submitted; it can no longer change.`,
      {
        field: 'status',
        rule: 'P3',
        message: 'a submitted report can no longer change',
        zh: '报告已审定报送，不能再修改',
      },
    ),
  notRunning: (id: string) =>
    stateConflict(
      'report-not-running',
      'report',
      `The workflow of report ${id} is no longer running (it was cancelled); start the round for its period again.`,
    ),
  bulletinExists: (period: string) =>
    conflict(
      'bulletin-exists',
      'Bulletin already compiled',
      `The bulletin of ${period} has been compiled already; revise it (narrative, or redraft: true) or read it at /api/v1/bulletins/${period}.`,
      { field: 'period', rule: 'P8', message: 'one bulletin per period', zh: '每期只生成一份简报' },
    ),
};
