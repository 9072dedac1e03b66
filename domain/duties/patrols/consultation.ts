/**
 * 会商 (SPEC P5): each grid head holds at least one a month, and one promptly for a major problem (L12); minutes,
 * attendees and decisions are recorded. Pure rules of a consultation record.
 */
import { formatShanghai } from '../periods';
import type { FieldProblem } from '../../common/rejection';

/** A meeting of one is not a consultation. */
export const MIN_ATTENDEES = 2;

/** An attendee as sent: a member of the organisation, or a name with the unit they came from. */
export interface AttendeeInput {
  memberId?: string;
  name?: string;
  unit?: string;
}

/** Attendees: at least two, each a member id or a name with a unit, nobody twice. */
export function attendeeProblems(attendees: readonly AttendeeInput[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  attendees.forEach((a, i) => {
    const field = `attendees[${i}]`;
    if (!a.memberId && !(a.name?.trim() && a.unit?.trim())) {
      problems.push({
        field,
        rule: 'attendee-identified',
        message: `${field} must have a memberId, or a name and a unit`,
      });
      return;
    }
    const key = a.memberId ? `member:${a.memberId}` : `name:${a.name?.trim()}@${a.unit?.trim()}`;
    if (seen.has(key))
      problems.push({ field, rule: 'attendee-once', message: `${field} names an attendee already listed` });
    seen.add(key);
  });
  if (attendees.length < MIN_ATTENDEES)
    problems.push({
      field: 'attendees',
      rule: 'P5',
      message: `a consultation has at least ${MIN_ATTENDEES} attendees`,
    });
  return problems;
}

/** A recorded consultation, as the issue's own `recordConsultation` action (L12) takes it. */
export function issueConsultationData(record: {
  heldAt: Date;
  attendees: readonly { name: string; unit?: string }[];
  minutes: string;
  decisions: readonly { text: string; owner?: string; due?: string }[];
}): { date: string; attendees: string[]; minutes: string; decisions: string[] } {
  return {
    date: formatShanghai(record.heldAt).slice(0, 10),
    attendees: record.attendees.map((a) => (a.unit ? `${a.name}（${a.unit}）` : a.name).slice(0, 128)),
    minutes: record.minutes,
    decisions: record.decisions.map((d) =>
      [d.text, d.owner ? `责任：${d.owner}` : '', d.due ? `时限：${d.due}` : '']
        .filter(Boolean)
        .join('；')
        .slice(0, 2000),
    ),
  };
}

/** Whether an issue's live state still waits for its L12 consultation (an open `consultation` obligation). */
export function awaitsConsultation(state: { obligations: readonly { kind: string }[] }): boolean {
  return state.obligations.some((o) => o.kind === 'consultation');
}
