import type { SearchAttributePair } from '@temporalio/common';
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { Rejection } from '../../domain/common/rejection';
import {
  applyClueAnswer,
  applyClueLink,
  applyClueStep,
  checkClueAnswer,
  checkClueLink,
  clueFinished,
  clueSummary,
  handedEvent,
  initialClueState,
  nextClueStep,
  type AnswerClueArgs,
  type ClueEventDraft,
  type ClueInput,
  type ClueState,
  type LinkClueArgs,
} from '../../domain/records/violation-clues';
import { LEDGER_WRITES } from '../activity-options';
import {
  DutyDueKey,
  DutyKindKey,
  DutyStatusKey,
  OverdueKey,
  OwnerUnitKey,
} from '../issue/issue.search-attributes';
import { answerClueUpdate, CLUE_REJECTED, clueStateQuery, linkClueUpdate } from './violation-clue.messages';

const { recordClueEvents } = proxyActivities<Pick<Activities, 'recordClueEvents'>>(LEDGER_WRITES);

/** The kind operators filter clues by in the Temporal UI: `DutyKind='violation_clue' AND Overdue=true`. */
export const VIOLATION_CLUE_KIND = 'violation_clue';

/** A clue as operators find it: the bureau, the kind, the status, the first-answer term and whether it passed. */
export function clueSearchAttributes(state: ClueState): SearchAttributePair[] {
  return [
    { key: OwnerUnitKey, value: state.receiver },
    { key: DutyKindKey, value: VIOLATION_CLUE_KIND },
    { key: DutyStatusKey, value: state.status },
    { key: DutyDueKey, value: new Date(state.terms.firstAnswerDue) },
    { key: OverdueKey, value: state.status === 'received' && state.overdueMarkedAt !== null },
  ];
}

function refused(rejection: Rejection): ApplicationFailure {
  return ApplicationFailure.create({
    type: CLUE_REJECTED,
    message: rejection.message,
    details: [rejection],
    nonRetryable: true,
  });
}

/**
 * 违法线索 (R2), id `violation-clue-<id>`: a clue handed to 县生态环境局. Until its first answer the clue's clock
 * reminds the bureau's heads before the term ends and tells 县环委办 when it has passed; the bureau's answers move
 * the clue from received to investigating to a case opened or none. Completes once decided.
 */
export async function violationClue(input: ClueInput): Promise<ClueState> {
  const workflowId = workflowInfo().workflowId;
  const state = initialClueState(input);
  let revision = 0;

  const persist = async (drafts: ClueEventDraft[]): Promise<void> => {
    revision += 1;
    upsertSearchAttributes(clueSearchAttributes(state));
    upsertMemo({ summary: clueSummary(state) });
    if (drafts.length === 0) return;
    const events = drafts.map((draft) => {
      state.eventCount += 1;
      return {
        ...draft,
        id: `${workflowId}#${state.eventCount}`,
        clueId: state.id,
        seq: state.eventCount,
        at: new Date().toISOString(),
      };
    });
    await recordClueEvents({ state: { ...state }, events });
  };

  setHandler(clueStateQuery, () => state);
  setHandler(
    answerClueUpdate,
    async (args: AnswerClueArgs) => {
      await persist(applyClueAnswer(state, args, new Date().toISOString()));
      return state;
    },
    {
      validator: (args: AnswerClueArgs) => {
        const rejection = checkClueAnswer(state, args);
        if (rejection) throw refused(rejection);
      },
    },
  );
  setHandler(
    linkClueUpdate,
    async (args: LinkClueArgs) => {
      await persist(applyClueLink(state, args));
      return state;
    },
    {
      validator: (args: LinkClueArgs) => {
        const rejection = checkClueLink(state, args);
        if (rejection) throw refused(rejection);
      },
    },
  );

  await persist([handedEvent(state)]);
  while (!clueFinished(state)) {
    const seen = revision;
    const next = nextClueStep(state);
    if (next && next.at <= Date.now()) {
      await persist(applyClueStep(state, next.step, new Date().toISOString()));
      continue;
    }
    const woken = () => revision !== seen;
    const changed = next ? await condition(woken, next.at - Date.now()) : (await condition(woken), true);
    if (!changed && next) await persist(applyClueStep(state, next.step, new Date().toISOString()));
  }
  await condition(allHandlersFinished);
  return state;
}
