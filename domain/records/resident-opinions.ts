/**
 * 群众意见建议 (seed 二(二) "定期走访群众，做好所辖网格内群众意见建议的收集并定期上报"; 四(一)2 "广泛收集群众反映的问题
 * 线索和意见建议"): what residents told a grid member, collected in the grid, answered by the unit and listed in the
 * unit's monthly materials. The resident's contact stays with the collecting unit.
 */
import { holdsAny, LEADER_ROLES, type Actor } from '../organisation/roles';

/** 意见 (an opinion, a complaint) or 建议 (a suggestion). */
export const OPINION_KINDS = ['opinion', 'suggestion'] as const;
export type OpinionKind = (typeof OPINION_KINDS)[number];

export const OPINION_KIND_LABELS: Record<OpinionKind, string> = { opinion: '意见', suggestion: '建议' };

/** How far back a collection may be entered: the same year as a patrol record (P2). */
export const OPINION_MAX_AGE_DAYS = 366;

/** The resident, as the collector wrote them down; never shown outside the collecting unit. */
export interface ResidentContact {
  name?: string;
  contact?: string;
}

/** The unit's answer (答复): what it said, who, when. */
export interface OpinionAnswer {
  text: string;
  by: { id: string; name: string };
  at: string;
}

/** An opinion as it is read; `resident` is null for a reader outside the collecting unit. */
export interface ResidentOpinionView {
  id: string;
  unitCode: string;
  unitName: string;
  gridCode: string;
  gridName: string;
  kind: OpinionKind;
  content: string;
  collectedAt: string;
  collectedBy: { id: string; name: string };
  /** Whether the collector kept a way to reach the resident (shown to every reader; the contact is not). */
  residentContactKept: boolean;
  resident: ResidentContact | null;
  patrolId: string | null;
  answer: OpinionAnswer | null;
  monthId: string;
  recordedAt: string;
}

/** R1: the answer is the unit's: given by the grid's 直接负责人 or a head of the unit. */
export function mayAnswerOpinion(actor: Actor, unitCode: string): boolean {
  return actor.unitCode === unitCode && holdsAny(actor.roles, LEADER_ROLES);
}

/** R1: only the unit whose grid it is, and the member who collected it, see how to reach the resident. */
export function seesResidentContact(
  actor: Actor,
  opinion: Pick<ResidentOpinionView, 'unitCode' | 'collectedBy'>,
): boolean {
  return actor.unitCode === opinion.unitCode || actor.id === opinion.collectedBy.id;
}

/** The view a reader gets: the resident's contact removed for anyone else. */
export function opinionFor(actor: Actor, opinion: ResidentOpinionView): ResidentOpinionView {
  return seesResidentContact(actor, opinion) ? opinion : { ...opinion, resident: null };
}
