/**
 * Where an issue came from (L1): 巡查/明查/暗查 patrols, 访群众 visits, 群众举报, 上级交办, 新闻媒体曝光; and (L22) the
 * patrols of the 河长制 and 林长制, whose findings the catalog routes to 县水务局 and 县林业局.
 */
export const ISSUE_SOURCES = [
  'patrol',
  'resident_visit',
  'public_report',
  'higher_referral',
  'media',
  'river_chief_patrol',
  'forest_chief_patrol',
] as const;
export type IssueSource = (typeof ISSUE_SOURCES)[number];

/** 一般问题 or 重大问题 (L1, L12). */
export const SEVERITIES = ['general', 'major'] as const;
export type Severity = (typeof SEVERITIES)[number];

import type { OfficialCalendar } from '../calendar/working-days';
import type { DeadlinePolicy, ObligationKind, StateId } from '../process/issue-process.definition';
import type { OrganisationFacts } from '../organisation/roles';
import type { ResponsibleParty } from '../records/responsible-party';

/**
 * L22: the unit the catalog names for a river-chief or forest-chief finding: 县水务局 dispatches (分办) and
 * supervises (督办) it, 县林业局 cooperates on it.
 */
export interface ChiefPatrolRouting {
  unit: string;
  duty: 'dispatch' | 'cooperate';
}

/** The lifecycle states of an issue: the states of the process definition. */
export type IssueStatus = StateId;

export interface GeoPoint {
  /** WGS-84 latitude in degrees. */
  lat: number;
  /** WGS-84 longitude in degrees. */
  lng: number;
}

/** What a report must carry (L1). */
export interface IssueReport {
  title: string;
  description: string;
  /** A category code from the responsibility catalog (SPEC §2). */
  category: string;
  severity: Severity;
  source: IssueSource;
  /** Unit code of the base unit where the issue is: a township-level unit (乡镇/街道) or the park (G9). */
  township: string;
  village?: string;
  location?: GeoPoint;
  /** 定区域 (G7): the grid the location lies in, or the one the reporter named; its people hear of the issue. */
  grid?: string;
  /** Unit code of the unit that found it; its ledger gets the entry at once (L2). */
  finderUnit: string;
  /** Who reported it, as the token names them. */
  reportedBy: string;
  /** Evidence references (stored files), possibly empty at report time. */
  evidence: string[];
  /** L16 (definition 3 on): the recorded patrol (巡查记录) it was found on, for source `patrol`. */
  patrolId?: string;
  /**
   * L16 (definition 3 on): a referral or media report of a problem the grid already had: the code of the grid's
   * earlier issue (same category within 50 m, reported earlier, still open), so it is not held against the grid.
   */
  knownAs?: string;
  /** L21: the enterprise or person responsible (业主), when the reporter can name it. */
  responsibleParty?: ResponsibleParty;
}

/** A deadline the issue is under; each runs its own escalation ladder (L10). */
export interface Obligation {
  id: string;
  kind: ObligationKind;
  /** Unit that must act. */
  unit: string;
  startedAt: string;
  due: string;
  /** The last ladder step fired: -1 none, 0 reminder, 1 overdue, 2 county supervision, 3 总网格长. */
  step: number;
  /**
   * L9 (definition 3 on): the term or a ladder step counts days in a year the official calendar data lacks
   * (Monday–Friday for now), so the dates may move when that year's notice is loaded.
   */
  provisional?: boolean;
}

/** 五定工作表: the rectification plan, all five items required (L5). */
export interface RectificationPlan {
  /** 定责任单位 */
  responsibleUnit: string;
  /** 定责任人 */
  responsiblePerson: string;
  /** The 责任人 as a member of the organisation, when the plan names one: notices reach them by id (L10). */
  responsibleMemberId?: string;
  /** 定整改措施 */
  measures: string;
  /** 定整改时限: the last day of rectification, YYYY-MM-DD (Asia/Shanghai). */
  timeLimit: string;
  /** 定整改目标 */
  target: string;
  milestones: Array<{ date: string; description: string; done?: boolean }>;
}

export interface TransferRecord {
  seq: number;
  fromUnit: string;
  toUnit: string;
  reason: string;
  at: string;
  outcome: 'pending' | 'accepted' | 'returned';
  returnReason?: string;
  /** L3 (v3): the owner 县环委办 named after the return; it owes this transfer's feedback. */
  settledOwner?: string;
  feedback?: { result: string; at: string };
}

export interface ExtensionRequest {
  seq: number;
  reason: string;
  proposedTimeLimit: string;
  requestedAt: string;
  requestedBy: string;
  decision?: { approved: boolean; note: string; by: string; at: string };
}

export interface JointTask {
  unit: string;
  task: string;
  /** YYYY-MM-DD (Asia/Shanghai). */
  dueDate: string;
  lead: boolean;
  finding?: { text: string; at: string; by: string };
}

export const SUPERVISION_MEMBER_KINDS = [
  'leader', // 组长: 党支部书记
  'deputy', // 副组长: 村主任
  'party_member', // 党员
  'retired_cadre', // 离退休干部
  'former_village_cadre', // 老村干
  'village_group_cadre', // 村组干代表
  'women_representative', // 妇女代表
  'villager_representative', // 村民代表
] as const;
export type SupervisionMemberKind = (typeof SUPERVISION_MEMBER_KINDS)[number];

/** 问题整改群众监督工作领导小组 (L13). */
export interface SupervisionGroup {
  /** `memberId` binds a member to their account (v3: the leader signs with it, L13). */
  members: Array<{ name: string; kind: SupervisionMemberKind; title?: string; memberId?: string }>;
  formedAt: string;
}

export interface SignOff {
  by: string;
  unit: string;
  at: string;
  opinion: string;
}

export interface Objection {
  seq: number;
  objector: string;
  content: string;
  at: string;
  resolution?: { valid: boolean; note: string; at: string };
}

export interface Consultation {
  date: string;
  attendees: string[];
  minutes: string;
  decisions: string[];
  at: string;
  /** v3: the grid head who convened it (member id); such a consultation counts for P5. */
  convenedBy?: string;
}

/** L12 (v3): a change of severity by 县环委办 or a county grid head, with its reason. */
export interface SeverityChange {
  from: Severity;
  to: Severity;
  reason: string;
  by: string;
  at: string;
}

export interface IssueLifecycleInput {
  code: string;
  report: IssueReport;
  /** 行业主管部门: the sector owner suggested by the responsibility catalog. */
  sectorOwner: string;
  /** 属地乡镇: the territorial owner. */
  territorialOwner: string;
  /** The process definition version this issue runs under. */
  definitionVersion: string;
  /** Workflow time when the API accepted the report (ISO 8601, UTC). */
  reportedAt: string;
  /** Deadline policy in force when the issue started (configuration; SPEC defaults). */
  policy?: DeadlinePolicy;
  /** The official calendar, as data, so replay stays deterministic when a new year is added. */
  calendar?: OfficialCalendar;
  organisation?: OrganisationFacts;
  /** L22: who dispatches or cooperates on a river-chief or forest-chief finding (definition 3 on). */
  routing?: ChiefPatrolRouting;
  /** Set when this run reopens an archived issue (L14): its state carries on. */
  reopen?: { previous: IssueState; reason: string; actor: string; actorUnit: string } | undefined;
  /** Set by continue-as-new: the state to carry on with. */
  resume?: IssueState;
  /** The X-Request-Id of the HTTP request that started this run, carried into the first ledger write's log. */
  requestId?: string;
  /**
   * What the run's starter asks of the workflow code without `patched()` markers (each marker costs a run two history
   * events): 1 (issue #15) means lean histories and ordered ledger writes, 2 adds timers spread over the hour after
   * their time (L10, `timerSpreadMs`). The API sets `ISSUE_RUN_VERSION` on every issue it starts;
   * runs without it ask `patched('issue-lean-history')` and `patched('issue-ordered-writes')` as before, so histories
   * recorded before replay as they ran.
   */
  runVersion?: number;
}

/** One appended, attributed event of an issue's history (L15). */
export interface IssueEventRecord {
  /** Deterministic id `<workflowId>#<seq>`: the idempotency key of the ledger write. */
  id: string;
  issueCode: string;
  seq: number;
  type: string;
  actor: string;
  actorUnit: string;
  at: string;
  payload: Record<string, unknown>;
}

/** The live state a query returns. */
export interface IssueState {
  code: string;
  status: IssueStatus;
  definitionVersion: string;
  report: IssueReport;
  /** 行业主管部门 (L6). */
  sectorOwner: string;
  /** 属地乡镇 (L6). */
  territorialOwner: string;
  /** The unit now responsible for rectification; null until one has accepted. */
  owner: string | null;
  reportedAt: string;
  policy: DeadlinePolicy;
  organisation: OrganisationFacts;
  /** Earliest due date of the open obligations (ISO 8601), if any. */
  deadline: string | null;
  /** L9 (definition 3 on): some open deadline is provisional, counted beyond the official calendar data. */
  provisional?: boolean;
  /** Unit codes that must act next. */
  awaiting: string[];
  /** L21: the responsible party (业主) as last named, at report or by the owner (definition 3 on). */
  responsibleParty?: ResponsibleParty | null;
  /** L22: the routing of a river-chief or forest-chief finding (definition 3 on). */
  routing?: ChiefPatrolRouting;
  overdue: boolean;
  /** Highest escalation step reached by an open obligation (0 none … 3 总网格长). */
  escalationLevel: number;
  /** 县级督办 (L10). */
  countySupervision: boolean;
  /** L16: found first by a higher level or the media; `knownAs` names the grid's earlier issue of the problem. */
  accountability: { flagged: boolean; reason: string | null; knownAs?: string };
  /** L16 (definition 3 on): each correction of the source by 县环委办, oldest first. */
  sourceCorrections?: Array<{ from: IssueSource; to: IssueSource; reason: string; by: string; at: string }>;
  obligations: Obligation[];
  transfers: TransferRecord[];
  /** `byId`: the member who recorded it (v3: someone else confirms it, L4). */
  immediateFix: { description: string; evidence: string[]; at: string; by: string; byId?: string } | null;
  plan: RectificationPlan | null;
  progressReports: number;
  lastProgressAt: string | null;
  /** When the next progress report is due (L7); reminders follow it. */
  progressDueAt: string | null;
  extensions: ExtensionRequest[];
  jointInvestigation: {
    round: number;
    coordinator: string;
    tasks: JointTask[];
    startedAt: string;
    /** L11 (v3): started during rectification, which it returns to, deadline and ladder kept. */
    duringRectification?: boolean;
  } | null;
  consultations: Consultation[];
  /** L12: a major issue needs a consultation. */
  consultationRequired: boolean;
  /** L12 (v3): when the issue became major (its report, or a change of severity); consultations count from then. */
  majorSince?: string | null;
  severityChanges?: SeverityChange[];
  /** L12 (v3): copies of the major-issue report sent to the prefecture counterpart of a unit (州级对口部门). */
  prefectureCopies?: Array<{ unit: string; at: string }>;
  /** L13 (v3): 县环委办 found wide impact or strong public concern: a supervision group is required. */
  supervisionRequired?: { reason: string; by: string; at: string } | null;
  /** L8 (v3): further extensions 县环委办 allowed beyond the policy's number. */
  extraExtensionsAllowed?: number;
  supervisionGroup: SupervisionGroup | null;
  closure: {
    application: { summary: string; evidence: string[]; at: string } | null;
    acceptance: { opinion: string; by: string; at: string } | null;
    publicNotice: { startedAt: string; endsAt: string; objections: Objection[]; completed: boolean } | null;
    signOffs: { sector: SignOff | null; territorial: SignOff | null; supervisionGroup: SignOff | null };
    archivedAt: string | null;
  };
  reopenCount: number;
  /** Number of events appended so far. */
  eventCount: number;
  /** Set while a write of this issue is refused for its data and waits for an operator (S4); absent otherwise. */
  attention?: IssueAttention | null;
}

/** Why an issue needs an operator: PostgreSQL refused one of its writes for its data (S4). */
export interface IssueAttention {
  /** What was refused, for people: the failing write and PostgreSQL's message. */
  reason: string;
  /** PostgreSQL's SQLSTATE (class 22 or 23). */
  sqlstate: string;
  since: string;
  /** Events of the refused write (their sequence numbers), written once the issue is resumed. */
  pendingEvents: number[];
}
