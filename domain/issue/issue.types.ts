/** Where an issue came from (L1): 巡查/明查/暗查 patrols, 访群众 visits, 群众举报, 上级交办, 新闻媒体曝光. */
export const ISSUE_SOURCES = [
  'patrol',
  'resident_visit',
  'public_report',
  'higher_referral',
  'media',
] as const;
export type IssueSource = (typeof ISSUE_SOURCES)[number];

/** 一般问题 or 重大问题 (L1, L12). */
export const SEVERITIES = ['general', 'major'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * The lifecycle states of an issue (SPEC §3). The skeleton workflow uses `reported`; the full process
 * definition moves through the rest.
 */
export const ISSUE_STATUSES = [
  'reported',
  'transferred',
  'owner_pending',
  'fixing_immediately',
  'planning',
  'rectifying',
  'joint_investigation',
  'awaiting_acceptance',
  'public_notice',
  'awaiting_signoff',
  'closed',
  'archived',
] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

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
  /** Unit code of the township-level unit (乡镇/街道) where the issue is. */
  township: string;
  village?: string;
  location?: GeoPoint;
  /** Unit code of the unit that found it; its ledger gets the entry at once (L2). */
  finderUnit: string;
  /** Who reported it, as the token names them. */
  reportedBy: string;
  /** Evidence references (stored files), possibly empty at report time. */
  evidence: string[];
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
  sectorOwner: string;
  territorialOwner: string;
  reportedAt: string;
  /** Deadline of the step now in progress, if any (ISO 8601). */
  deadline: string | null;
  /** Unit codes that must act next. */
  awaiting: string[];
  overdue: boolean;
  escalationLevel: number;
  /** Number of events appended so far. */
  eventCount: number;
}
