import { defineQuery } from '@temporalio/workflow';
import type { IssueState } from '../../domain/issue/issue.types';

/** The full live state of one issue. */
export const issueStateQuery = defineQuery<IssueState>('issueState');
