import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AnswerClueArgs, ClueState, LinkClueArgs } from '../../domain/records/violation-clues';

/** The live state of one violation clue: status, first-answer term, answers and linked issues. */
export const clueStateQuery = defineQuery<ClueState>('violationClueState');

/** 县生态环境局 answers: acknowledge (its first answer), open a case, or decide there is none (R2). */
export const answerClueUpdate = defineUpdate<ClueState, [AnswerClueArgs]>('answerClue');

/** The handing unit or the bureau links the clue to issues (R2). */
export const linkClueUpdate = defineUpdate<ClueState, [LinkClueArgs]>('linkClue');

/** The failure type of a refused clue action; its details carry the domain Rejection. */
export const CLUE_REJECTED = 'ViolationClueRejected';
