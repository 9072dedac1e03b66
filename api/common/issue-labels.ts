import type { LedgerRole } from '../../persistence/entities/ledger-entry.entity';
import type { IssueStatus, Severity } from '../../domain/issue/issue.types';

/** Chinese labels a county office prints in a ledger (台账). */
export const STATUS_LABELS: Record<IssueStatus, string> = {
  reported: '已上报',
  transferred: '已移交待受理',
  owner_pending: '待县环委办定责',
  accepted: '已受理',
  fix_confirmation: '立行立改待确认',
  rectifying: '整改中',
  joint_investigation: '联合调查',
  awaiting_acceptance: '申请销号待验收',
  public_notice: '公示中',
  awaiting_signoff: '待双销号',
  closed: '已销号',
  archived: '已建档',
};

export const SEVERITY_LABELS: Record<Severity, string> = { general: '一般问题', major: '重大问题' };

export const ROLE_LABELS: Record<LedgerRole, string> = {
  finder: '发现单位',
  sector_owner: '行业主管部门',
  territorial_owner: '属地乡镇',
};

/** The escalation ladder's steps (L10) as printed. */
export const ESCALATION_LABELS: readonly string[] = ['无', '逾期督办', '县级督办', '总网格长督办'];

export function escalationLabel(level: number): string {
  return ESCALATION_LABELS[level] ?? `第${level}级`;
}
