import request from 'supertest';
import type { Actor } from '../../domain/organisation/roles';
import type { IssueState } from '../../domain/issue/issue.types';
import type { ActionId, StateId } from '../../domain/process/issue-process.definition';
import { actionPath } from '../../api/issues/issue-actions';
import { issueStateQuery } from '../../workflows/issue/issue.messages';
import type { Harness } from './harness';
import { actors, fivePlan, supervisionGroup } from './lifecycle-fixtures';
import { bearer } from './tokens';

/** A date n days from today (Asia/Shanghai), YYYY-MM-DD. */
export function daysFromNow(days: number): string {
  const shanghai = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000);
  return shanghai.toISOString().slice(0, 10);
}

/** The report body (L1): domestic waste in 古州镇, owned by 县综合行政执法局 (ULE). */
export const REPORT = {
  title: '河道旁堆放生活垃圾',
  description: '村口河道左岸约50米处堆放生活垃圾，渗滤液流入河道。',
  category: 'domestic_waste',
  severity: 'general',
  source: 'resident_visit',
  township: 'T-GUZHOU',
  village: 'V-GUZHOU-01',
};

/** A valid body for every action, as a client would send it. */
export function validBody(action: ActionId): Record<string, unknown> {
  const bodies: Record<ActionId, Record<string, unknown>> = {
    transfer: { toUnit: 'ULE', reason: '生活垃圾收运处置属县综合行政执法局职责' },
    acceptTransfer: { note: '已受理' },
    returnTransfer: { reason: '非本单位职责' },
    assignOwner: { unit: 'ULE', note: '由执法局整改' },
    reportTransferFeedback: { result: '已清运垃圾' },
    recordImmediateFix: { description: '现场清运垃圾', evidence: ['photo-fix-1.jpg'] },
    confirmFix: { opinion: '整改到位' },
    rejectFix: { reason: '仍有垃圾' },
    submitPlan: {
      ...fivePlan(daysFromNow(30)),
      milestones: [{ date: daysFromNow(10), description: '清运' }],
    },
    reportProgress: { note: '已清运一半' },
    requestExtension: { reason: '雨季', proposedTimeLimit: daysFromNow(45) },
    decideExtension: { approved: true, note: '同意' },
    startJointInvestigation: {
      lead: { unit: 'ULE', task: '牵头调查', dueDate: daysFromNow(14) },
      coUnits: [{ unit: 'EEB', task: '水质监测', dueDate: daysFromNow(14) }],
    },
    reportJointFinding: { finding: '上游直排' },
    recordConsultation: {
      date: daysFromNow(0),
      attendees: ['副县长', '县环委办主任'],
      minutes: '研究整改',
      decisions: ['执法局牵头'],
    },
    formSupervisionGroup: { members: supervisionGroup.map((m) => ({ ...m })) },
    applyForClosure: { summary: '已整改完毕', evidence: ['closure-1.pdf'] },
    acceptRectification: { opinion: '同意销号', publicNotice: false },
    sendBack: { reason: '材料不全' },
    fileObjection: { objector: '村民王某', content: '仍有异味' },
    resolveObjection: { objection: 1, valid: false, note: '异议不成立' },
    signOff: { opinion: '同意销号' },
    supervisionGroupSignOff: { opinion: '群众满意' },
    changeSeverity: { severity: 'major', reason: '涉及饮用水水源保护区' },
    requireSupervisionGroup: { reason: '群众关注度高' },
    allowAnotherExtension: { reason: '汛期施工受限' },
    correctSource: { source: 'media', reason: '经核实系新闻媒体先行曝光' },
    nameResponsibleParty: {
      kind: 'organisation',
      name: '榕江县某某废品回收站',
      creditCode: '91350100M000100Y43',
      note: '垃圾来自该回收站',
    },
  };
  return bodies[action];
}

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown> & { code?: string; state?: IssueState };
  headers: Record<string, string>;
}

/** Speaks to the API as a given actor; every lifecycle step goes through HTTP. */
export class IssueApi {
  constructor(private readonly h: Harness) {}

  private server() {
    return request(this.h.app.getHttpServer());
  }

  async report(actor: Actor, overrides: Record<string, unknown> = {}): Promise<string> {
    const response = await this.server()
      .post('/api/v1/issues')
      .set('authorization', bearer(actor))
      .send({ ...REPORT, ...overrides });
    if (response.status !== 201)
      throw new Error(`report failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.code as string;
  }

  /** POSTs an action; `actor` null sends no token. */
  async act(
    actor: Actor | null,
    code: string,
    action: ActionId,
    body: unknown = validBody(action),
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer> {
    let call = this.server().post(`/api/v1/issues/${code}/${actionPath(action)}`);
    if (actor) call = call.set('authorization', bearer(actor));
    for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
    const response = await call.send(body as object);
    return {
      status: response.status,
      body: response.body,
      headers: response.headers,
    };
  }

  /** An action that must succeed; answers the new state. */
  async ok(
    actor: Actor,
    code: string,
    action: ActionId,
    body: unknown = validBody(action),
  ): Promise<IssueState> {
    const answer = await this.act(actor, code, action, body);
    if (answer.status !== 200) {
      throw new Error(`${action} by ${actor.id} on ${code}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    return answer.body as unknown as IssueState;
  }

  /** The live state straight from the workflow (not through the API, so reading never needs a scope). */
  state(code: string): Promise<IssueState> {
    return this.h.client.workflow.getHandle(`issue-${code}`).query(issueStateQuery);
  }

  async eventRows(code: string): Promise<number> {
    const [{ n }] = await this.h.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM issue_events WHERE issue_code = $1`,
      [code],
    );
    return n;
  }

  /** A fresh issue (found by 水务局, owned by 执法局) brought through the API to the given state. */
  async prepare(status: StateId): Promise<string> {
    const code = await this.report(actors.wrbMember);
    const transferred = async () => this.ok(actors.wrbMember, code, 'transfer');
    const accepted = async () => {
      await transferred();
      await this.ok(actors.uleMember, code, 'acceptTransfer');
    };
    const rectifying = async () => {
      await accepted();
      await this.ok(actors.uleMember, code, 'submitPlan');
    };
    const awaitingAcceptance = async () => {
      await rectifying();
      await this.ok(actors.uleMember, code, 'applyForClosure');
    };
    switch (status) {
      case 'reported':
        break;
      case 'transferred':
        await transferred();
        break;
      case 'owner_pending':
        await transferred();
        await this.ok(actors.uleMember, code, 'returnTransfer');
        break;
      case 'accepted':
        await accepted();
        break;
      case 'fix_confirmation':
        await accepted();
        await this.ok(actors.uleMember, code, 'recordImmediateFix');
        break;
      case 'rectifying':
        await rectifying();
        break;
      case 'joint_investigation':
        await this.ok(actors.chief, code, 'startJointInvestigation');
        break;
      case 'awaiting_acceptance':
        await awaitingAcceptance();
        break;
      case 'public_notice':
        await awaitingAcceptance();
        await this.ok(actors.eco, code, 'acceptRectification', { opinion: '同意，公示', publicNotice: true });
        break;
      case 'awaiting_signoff':
        await awaitingAcceptance();
        await this.ok(actors.eco, code, 'acceptRectification');
        break;
      default:
        throw new Error(`cannot prepare an issue in ${status}`);
    }
    const state = await this.state(code);
    if (state.status !== status) throw new Error(`prepared ${code} is ${state.status}, not ${status}`);
    return code;
  }
}
