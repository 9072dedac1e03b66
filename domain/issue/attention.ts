/**
 * S4: an issue whose write PostgreSQL refuses for its data waits for the system operators instead of retrying
 * forever. What they are told, and the outbox audience that reaches their mailbox (OPERATOR_EMAILS).
 */
import type { IssueAttention } from './issue.types';

/** The outbox audience of the system operators' mailbox. */
export const OPERATORS_AUDIENCE = 'system_operators';

/** The notice kind of an issue that needs attention. */
export const NEEDS_ATTENTION_KIND = 'needs_attention';

/** The operators' notice: what was refused, and how to resume the issue once the data is fixed. */
export function attentionNotice(
  code: string,
  title: string,
  attention: IssueAttention,
): { subject: string; body: string } {
  return {
    subject: `【需人工处理 Needs attention】问题 ${code} 的写入被数据库拒绝`,
    body: [
      `问题 ${code}（${title}）的第 ${attention.pendingEvents.join('、')} 号事件写入台账时被 PostgreSQL 拒绝（SQLSTATE ${attention.sqlstate}），重试无法解决，工作流已暂停等待处理。`,
      `原因：${attention.reason}`,
      `请系统运维人员修正数据后恢复：POST /api/v1/admin/issues/${code}/resume（见运维手册）。`,
      '',
      `Issue ${code}: PostgreSQL refused the write of event(s) ${attention.pendingEvents.join(', ')} for its data (SQLSTATE ${attention.sqlstate}); no retry can fix it, so the workflow waits. Fix the data, then resume it: POST /api/v1/admin/issues/${code}/resume (see the runbook).`,
    ].join('\n'),
  };
}
