import type { DeadlinePolicy } from '../../process/issue-process.definition';
import { DEFAULT_ORGANISATION } from '../../organisation/roles';
import type { IssueLifecycleInput, IssueState } from '../issue.types';
import { ruleOn, type LifecycleContext } from './context';
import { refreshDerived } from './derived';
import { event, notice, SYSTEM_ACTOR, type Audience, type EventDraft } from './events';
import {
  accountabilityText,
  forestChiefFindingText,
  knownBeforeText,
  majorIssueText,
  reopenedText,
  riverChiefFindingText,
} from './notice-texts';
import { dueIn, openObligation } from './obligations';
import { setOwner } from './ownership';
import { announceMajorIssue } from './rules/severity.rules';
import { fromAbove } from './rules/source.rules';

type Started = { state: IssueState; events: EventDraft[] };

/** The state of a freshly reported issue, and the events of its report (L1, L2, L12, L16). */
export function startIssue(input: IssueLifecycleInput, ctx: LifecycleContext): Started {
  const policy = input.policy ?? ctx.definition.policy;
  const state = blankIssueState(input, policy);
  const events: EventDraft[] = [reportedEvent(state, input)];
  if (input.routing?.duty === 'dispatch') {
    events.push(awaitDispatch(state, input.routing.unit, ctx));
  } else if (input.report.finderUnit === input.sectorOwner) {
    // Within the finder's own duties: the report is its acceptance.
    const reporter = { name: input.report.reportedBy, unit: input.report.finderUnit };
    events.push(...setOwner(state, ctx, input.report.finderUnit, reporter));
  } else {
    const due = dueIn(ctx, policy.reportHandlingWorkingDays);
    openObligation(state, ctx, 'report_handling', input.report.finderUnit, due);
  }
  if (input.routing?.duty === 'cooperate') events.push(askCooperation(state, input.routing.unit));
  if (fromAbove(input.report.source)) {
    // L16 (definition 3 on): a problem the grid already had is recorded as such, not held against it.
    const known = ruleOn(ctx, 'sourceAccountability') ? input.report.knownAs : undefined;
    events.push(known ? knownBefore(state, known) : flagAccountability(state, input));
  }
  if (input.report.severity === 'major') events.push(reportMajorIssue(state, input, ctx));
  refreshDerived(state);
  return { state, events };
}

/** An issue's state before anything has happened to it. */
export function blankIssueState(input: IssueLifecycleInput, policy: DeadlinePolicy): IssueState {
  return {
    code: input.code,
    status: 'reported',
    definitionVersion: input.definitionVersion,
    report: input.report,
    sectorOwner: input.sectorOwner,
    territorialOwner: input.territorialOwner,
    owner: null,
    reportedAt: input.reportedAt,
    policy,
    organisation: input.organisation ?? DEFAULT_ORGANISATION,
    deadline: null,
    awaiting: [],
    overdue: false,
    escalationLevel: 0,
    countySupervision: false,
    accountability: { flagged: false, reason: null },
    obligations: [],
    transfers: [],
    immediateFix: null,
    plan: null,
    progressReports: 0,
    lastProgressAt: null,
    progressDueAt: null,
    extensions: [],
    jointInvestigation: null,
    consultations: [],
    consultationRequired: input.report.severity === 'major',
    supervisionGroup: null,
    closure: emptyClosure(),
    reopenCount: 0,
    eventCount: 0,
    // Definition 3 on: absent from the states of older issues, so their histories stay as they were.
    ...(input.report.responsibleParty ? { responsibleParty: input.report.responsibleParty } : {}),
    ...(input.routing ? { routing: input.routing } : {}),
  };
}

/**
 * L22: a river-chief finding goes to 县水务局, which names its owner (分办) within the finder's handling term and then
 * supervises it (督办): the issue waits for the owner's assignment, as after a returned transfer.
 */
function awaitDispatch(state: IssueState, dispatcher: string, ctx: LifecycleContext): EventDraft {
  state.status = 'owner_pending';
  openObligation(
    state,
    ctx,
    'report_handling',
    dispatcher,
    dueIn(ctx, state.policy.reportHandlingWorkingDays),
  );
  const routed = event(SYSTEM_ACTOR, 'routed_for_dispatch', { unit: dispatcher, rule: 'L22' });
  const audiences: Audience[] = [
    { role: 'unit_head', unit: dispatcher },
    { role: 'direct_leader', unit: dispatcher },
  ];
  routed.notices.push(notice('river_chief_finding', audiences, riverChiefFindingText(state)));
  return routed;
}

/** L22: a forest-chief finding is told to 县林业局, which cooperates with the owner on it. */
function askCooperation(state: IssueState, cooperator: string): EventDraft {
  const routed = event(SYSTEM_ACTOR, 'routed_for_cooperation', { unit: cooperator, rule: 'L22' });
  routed.notices.push(
    notice('forest_chief_finding', [{ role: 'unit_head', unit: cooperator }], forestChiefFindingText(state)),
  );
  return routed;
}

const emptyClosure = (): IssueState['closure'] => ({
  application: null,
  acceptance: null,
  publicNotice: null,
  signOffs: { sector: null, territorial: null, supervisionGroup: null },
  archivedAt: null,
});

/** The report itself, by its reporter. */
function reportedEvent(state: IssueState, input: IssueLifecycleInput): EventDraft {
  const report = input.report;
  return {
    type: 'reported',
    actor: report.reportedBy,
    actorUnit: report.finderUnit,
    payload: {
      report,
      sectorOwner: input.sectorOwner,
      territorialOwner: input.territorialOwner,
      policy: state.policy,
    },
    notices: [],
    // L2 the finder's ledger at once; L6 the territorial owner carries it from the start.
    ledger: [
      { op: 'open', unit: report.finderUnit, role: 'finder' },
      { op: 'open', unit: input.territorialOwner, role: 'territorial_owner' },
    ],
  };
}

/** L16: found first by a higher level or the media, so the grid is held to account. */
function flagAccountability(state: IssueState, input: IssueLifecycleInput): EventDraft {
  state.accountability = {
    flagged: true,
    reason: input.report.source === 'media' ? '新闻媒体曝光' : '上级发现交办',
  };
  const flagged = event(SYSTEM_ACTOR, 'accountability_flagged', {
    reason: state.accountability.reason,
    rule: 'L16',
  });
  const audiences: Audience[] = [
    { role: 'eco_office', unit: state.organisation.ecoOffice },
    { role: 'unit_head', unit: input.territorialOwner },
  ];
  flagged.notices.push(notice('accountability', audiences, accountabilityText(state)));
  return flagged;
}

/** L16: the referral or media report matches the grid's own earlier issue, which the API found at report time. */
function knownBefore(state: IssueState, knownAs: string): EventDraft {
  state.accountability = { flagged: false, reason: null, knownAs };
  const known = event(SYSTEM_ACTOR, 'known_before', { knownAs, rule: 'L16' });
  const audiences: Audience[] = [{ role: 'eco_office', unit: state.organisation.ecoOffice }];
  known.notices.push(notice('known_before', audiences, knownBeforeText(state)));
  return known;
}

/** L12: a major issue is announced to the county and the prefecture, and owes a consultation. */
function reportMajorIssue(state: IssueState, input: IssueLifecycleInput, ctx: LifecycleContext): EventDraft {
  if (ruleOn(ctx, 'majorIssueConsultation')) return announceMajorIssue(state, ctx, SYSTEM_ACTOR);
  const major = event(SYSTEM_ACTOR, 'major_issue_reported', { rule: 'L12' });
  const audiences: Audience[] = [
    { role: 'chief' },
    { role: 'deputy_chief' },
    { role: 'prefecture_counterpart', unit: input.sectorOwner },
    { role: 'eco_office', unit: state.organisation.ecoOffice },
  ];
  major.notices.push(notice('major_issue', audiences, majorIssueText(state)));
  const due = dueIn(ctx, state.policy.consultationDueWorkingDays);
  openObligation(state, ctx, 'consultation', input.sectorOwner, due);
  return major;
}

/** Reopens an archived issue that recurred (L14), keeping its history. */
export function reopenIssue(
  previous: IssueState,
  reason: string,
  by: { name: string; unit: string },
  ctx: LifecycleContext,
): Started {
  const state = resetForRectification(previous);
  const reopened: EventDraft = {
    type: 'reopened',
    actor: by.name,
    actorUnit: by.unit,
    payload: { reason, reopenCount: state.reopenCount, rule: 'L14' },
    notices: [
      notice(
        'reopened',
        [
          { role: 'unit_head', unit: ownerUnit(state) },
          { role: 'eco_office', unit: state.organisation.ecoOffice },
        ],
        reopenedText(state, reason),
      ),
    ],
    ledger: [
      { op: 'reopen', unit: state.report.finderUnit, role: 'finder' },
      { op: 'reopen', unit: state.sectorOwner, role: 'sector_owner' },
      { op: 'reopen', unit: state.territorialOwner, role: 'territorial_owner' },
    ],
  };
  const due = dueIn(ctx, state.policy.planDueWorkingDays);
  openObligation(state, ctx, 'plan', ownerUnit(state), due);
  refreshDerived(state);
  return { state, events: [reopened] };
}

/** A copy of the archived state, back at acceptance by its owner: a new plan, a new closure. */
function resetForRectification(previous: IssueState): IssueState {
  const state = structuredCloneJson(previous);
  state.reopenCount += 1;
  state.closure = emptyClosure();
  state.immediateFix = null;
  state.plan = null;
  state.progressDueAt = null;
  state.extensions = [];
  state.countySupervision = false;
  state.status = 'accepted';
  state.owner = state.owner ?? state.sectorOwner;
  return state;
}

const ownerUnit = (state: IssueState): string => state.owner ?? state.sectorOwner;

function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
