/**
 * 巡查记录 (SPEC P2): what a patrol record must hold and who may be on it. Pure: the API checks a record with these
 * rules before it is appended, and the duty clocks (P1, P2) use the same notion of "led by the head".
 */
import type { FieldProblem } from '../../common/rejection';
import { isUnitHeadOf, type MemberRole } from '../../organisation/roles';
import type { IssueSource } from '../../issue/issue.types';
import { monthOf, weekOf } from '../periods';

/** 三三制 (P2): 巡查、明查、暗查 and 访群众、查厂内、查厂外. */
export const PATROL_METHODS = [
  'inspection',
  'open_inspection',
  'covert_inspection',
  'resident_visit',
  'plant_inside',
  'plant_outside',
] as const;
export type PatrolMethod = (typeof PATROL_METHODS)[number];

export const PATROL_METHOD_LABELS: Record<PatrolMethod, string> = {
  inspection: '巡查',
  open_inspection: '明查',
  covert_inspection: '暗查',
  resident_visit: '访群众',
  plant_inside: '查厂内',
  plant_outside: '查厂外',
};

/** How the allowed methods are named in error messages: `inspection (巡查), …`. */
export const PATROL_METHODS_TEXT = PATROL_METHODS.map((m) => `${m} (${PATROL_METHOD_LABELS[m]})`).join(', ');

/** L1: a problem found on a patrol enters as 巡查 (any inspection method) or 访群众 (a visit to residents). */
export const PATROL_ISSUE_SOURCES = ['patrol', 'resident_visit'] as const satisfies readonly IssueSource[];
export type PatrolIssueSource = (typeof PATROL_ISSUE_SOURCES)[number];

/** Whether a patrol that used these methods can have found a problem from this source. */
export function sourceFitsMethods(source: PatrolIssueSource, methods: readonly string[]): boolean {
  return source === 'resident_visit'
    ? methods.includes('resident_visit')
    : methods.some((m) => m !== 'resident_visit');
}

/** Sanity bound, not policy: a record of a patrol more than a year ago is a typing error. */
export const MAX_PATROL_AGE_DAYS = 366;
/** Clocks of phones and servers differ a little; a patrol that "ended" this far ahead is still accepted. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The time rules of a record of something that already happened (a patrol's start and end, a consultation's
 * time): not in the future, not absurdly old, and an end after the start.
 */
export function pastTimeProblems(
  times: { field: string; at: Date }[],
  now: number,
  maxAgeDays = MAX_PATROL_AGE_DAYS,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const { field, at } of times) {
    if (at.getTime() > now + CLOCK_SKEW_MS)
      problems.push({
        field,
        rule: 'not-in-future',
        message: `${field} must not be in the future`,
        zh: `${field} 不能晚于现在`,
      });
    else if (at.getTime() < now - maxAgeDays * DAY_MS)
      problems.push({
        field,
        rule: 'max-age',
        message: `${field} must be within the last ${maxAgeDays} days`,
        zh: `${field} 须在最近 ${maxAgeDays} 天之内`,
      });
  }
  return problems;
}

export function patrolTimeProblems(startedAt: Date, endedAt: Date, now: number): FieldProblem[] {
  const problems = pastTimeProblems(
    [
      { field: 'startedAt', at: startedAt },
      { field: 'endedAt', at: endedAt },
    ],
    now,
  );
  if (endedAt.getTime() <= startedAt.getTime())
    problems.push({
      field: 'endedAt',
      rule: 'end-after-start',
      message: 'endedAt must be after startedAt',
      zh: '结束时间须晚于开始时间',
    });
  return problems;
}

/** The week and month a patrol counts in (P1): those of its start on the Shanghai wall clock. */
export function patrolPeriodIds(startedAt: Date): { weekId: string; monthId: string } {
  return { weekId: weekOf(startedAt).id, monthId: monthOf(startedAt).id };
}

/** The most positions a GPS track may have: a day's walk logged every second. */
export const MAX_TRACK_POSITIONS = 100_000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why a position is not `[lng, lat]` or `[lng, lat, altitude]` in range, or null. */
function positionProblem(value: unknown, path: string): string | null {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3)
    return `${path} must be a position [longitude, latitude]`;
  if (!value.every((n) => typeof n === 'number' && Number.isFinite(n)))
    return `${path} must hold numbers only`;
  const [lng, lat] = value as number[];
  if (lng < -180 || lng > 180) return `${path}[0] (longitude) must be between -180 and 180`;
  if (lat < -90 || lat > 90) return `${path}[1] (latitude) must be between -90 and 90`;
  return null;
}

function lineProblem(value: unknown, path: string, budget: { left: number }): string | null {
  if (!Array.isArray(value) || value.length < 2) return `${path} must be a line of at least 2 positions`;
  budget.left -= value.length;
  if (budget.left < 0) return `track must have at most ${MAX_TRACK_POSITIONS} positions`;
  for (let i = 0; i < value.length; i++) {
    const problem = positionProblem(value[i], `${path}[${i}]`);
    if (problem) return problem;
  }
  return null;
}

/**
 * Why a GPS track is not a GeoJSON (RFC 7946) LineString or MultiLineString geometry with positions
 * [longitude, latitude] in range and at least 2 positions a line, or null when it is one.
 */
export function trackProblem(value: unknown): string | null {
  if (!isPlainObject(value) || (value.type !== 'LineString' && value.type !== 'MultiLineString'))
    return 'track must be a GeoJSON geometry of type LineString or MultiLineString';
  const extra = Object.keys(value).filter((k) => !['type', 'coordinates', 'bbox'].includes(k));
  if (extra.length > 0) return `track has unknown members: ${extra.join(', ')}`;
  const budget = { left: MAX_TRACK_POSITIONS };
  if (value.type === 'LineString') return lineProblem(value.coordinates, 'track.coordinates', budget);
  if (!Array.isArray(value.coordinates) || value.coordinates.length < 1)
    return 'track.coordinates must be a list of lines';
  for (let i = 0; i < value.coordinates.length; i++) {
    const problem = lineProblem(value.coordinates[i], `track.coordinates[${i}]`, budget);
    if (problem) return problem;
  }
  return null;
}

/** A person of the organisation as the patrol rules see them. */
export interface RosterMember {
  id: string;
  unitCode: string;
  gridCode: string | null;
  roles: readonly MemberRole[];
  active: boolean;
}

/** A grid as the patrol rules see it. */
export interface PatrolGrid {
  code: string;
  unitCode: string;
  /** Set for a 分片: the village grid it belongs to. */
  parentGridCode: string | null;
}

/** The grids a patrol of this grid covers: itself, its 分片 (sub-areas) and, for a 分片, its village grid. */
export function relatedGridCodes(grid: PatrolGrid, subAreaCodes: readonly string[]): Set<string> {
  return new Set([grid.code, ...subAreaCodes, ...(grid.parentGridCode ? [grid.parentGridCode] : [])]);
}

/**
 * Who may be on a patrol of a grid: an active member of the grid's unit, or someone assigned to the grid (a
 * village's 支部书记 belongs to the village unit but patrols the township's village grid; a 护林员 its 分片).
 */
export function mayPatrol(member: RosterMember, grid: PatrolGrid, related: Set<string>): boolean {
  return (
    member.active &&
    (member.unitCode === grid.unitCode || (member.gridCode !== null && related.has(member.gridCode)))
  );
}

/**
 * P2: at department and township level the weekly patrol is led by the grid's 直接负责人, or by the unit's
 * 网格长 / 副网格长 (分网格长 / 副分网格长).
 */
export function leadsAsHead(
  member: RosterMember | undefined,
  grid: { code: string; unitCode: string },
): boolean {
  if (!member) return false;
  if (member.roles.includes('direct_leader') && member.gridCode === grid.code) return true;
  return isUnitHeadOf(member, grid.unitCode);
}
