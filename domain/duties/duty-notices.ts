/**
 * Notices of the standing duties (reminders before a period ends, notices and chasing after), as data the
 * activities put in the same outbox the issue lifecycle uses; delivery (e-mail, webhooks, inbox) is shared.
 */

/** Who a duty notice is for, resolved from the organisation when it is written to the outbox. */
export type DutyAudience =
  /** The unit's 分网格长 / 网格长. */
  | { role: 'unit_head'; unit: string }
  /** The unit's 副分网格长 / 副网格长. */
  | { role: 'unit_deputy'; unit: string }
  /** The 直接负责人 of one grid. */
  | { role: 'grid_leader'; grid: string }
  /** Every active member of one grid. */
  | { role: 'grid_members'; grid: string }
  /** Every active member of 县环委办 (or of another unit named here). */
  | { role: 'eco_office'; unit: string }
  /** The county 副总网格长. */
  | { role: 'deputy_chief' }
  /** The county 总网格长. */
  | { role: 'chief' }
  /** One person. */
  | { role: 'member'; memberId: string };

export interface DutyNotice {
  /**
   * Stable key of this notice, e.g. `P1-week/2027-W02/GRID-1/reminder`: writing the same notice twice (a retried
   * activity, a schedule that fired twice) puts nothing in the outbox twice.
   */
  key: string;
  /** Kind, e.g. `patrol_reminder`, `patrol_missing`, `report_due`, `report_late`. */
  kind: string;
  /** What the notice is about: a report id, `grid/<code>`, `unit/<code>`. */
  ref: string;
  audiences: DutyAudience[];
  subject: string;
  body: string;
  /** A person several audiences name gets the notice once (a hander who is also the unit's head). */
  oncePerPerson?: boolean;
}
