/**
 * What an operator reads about a unit's report in the Temporal UI: its fixed summary, its current details and the
 * labels of its clock's timers. Pure, for the report workflows.
 */
import { beijingDay, beijingTime } from '../../issue/operator-view';
import {
  REPORT_KIND_LABELS,
  REPORT_KIND_RULES,
  type DutyReportInput,
  type DutyReportState,
  type ReportClockStep,
} from './reports';

const STATUS_LABEL: Record<DutyReportState['status'], string> = {
  drafting: '起草中',
  draft: '待审签报送',
  submitted: '已报送',
};

const STEP_LABEL: Record<ReportClockStep['kind'], string> = {
  reminder: '报送提醒',
  late: '逾期标记',
  chase: '逾期催报',
};

/** `网格巡查周报（简报及问题台账） · ULE · 2027-W10（P3）`: kind, unit and period. */
export function dutyReportStaticSummary(input: Pick<DutyReportInput, 'kind' | 'unit' | 'period'>): string {
  return `${REPORT_KIND_LABELS[input.kind]} · ${input.unit} · ${input.period}（${REPORT_KIND_RULES[input.kind]}）`;
}

/** Current details (Markdown): status, deadline in Beijing time, the clock's next step. */
export function dutyReportCurrentDetails(state: DutyReportState, now: number): string {
  const lines = [`**状态 State** ${STATUS_LABEL[state.status]}（${state.status}）`];
  if (state.dueAt) {
    const late = state.status !== 'submitted' && Date.parse(state.dueAt) <= now;
    lines.push(
      `**期限 Deadline** ${beijingTime(state.dueAt)}（北京时间）${late ? ' · **已逾期 late**' : ''}`,
    );
  }
  lines.push(`**待办单位 Must act** ${state.status === 'submitted' ? '—' : state.unit}`);
  if (state.next)
    lines.push(`**下一步 Next** ${STEP_LABEL[state.next.kind]} · ${beijingTime(state.next.at)}`);
  if (state.onTime !== null) lines.push(`**按时 On time** ${state.onTime ? '是 yes' : '否 no'}`);
  return lines.join('\n\n');
}

/** A clock step's timer label, e.g. `逾期催报 2 · 3月12日`. */
export function reportStepSummary(step: ReportClockStep): string {
  return `${STEP_LABEL[step.kind]}${step.kind === 'late' ? '' : ` ${step.n}`} · ${beijingDay(step.at)}`;
}
