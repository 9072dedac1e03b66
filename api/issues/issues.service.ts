import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { Configuration } from '../../config/configuration';
import { formatIssueCode, isIssueCode, issueWorkflowId } from '../../domain/issue/issue-code';
import { DEFAULT_CALENDAR } from '../../domain/calendar/working-days';
import { DEFAULT_ORGANISATION } from '../../domain/issue/actor';
import { issueSummary } from '../../domain/issue/issue-state';
import { startIssue } from '../../domain/issue/lifecycle';
import type { IssueLifecycleInput, IssueState } from '../../domain/issue/issue.types';
import { ISSUE_PROCESS } from '../../domain/process/issue-process.definition';
import { IssueEventEntity } from '../../persistence/entities';
import { issueStateQuery } from '../../workflows/issue/issue.messages';
import {
  CategoryKey,
  EscalationLevelKey,
  IssueStatusKey,
  OverdueKey,
  OwnerUnitKey,
  SeverityKey,
  TerritorialUnitKey,
  TownshipKey,
} from '../../workflows/issue/issue.search-attributes';
import type { CreateIssueDto } from './dto/create-issue.dto';
import { IssueErrors } from './issues.errors';

export interface StartedIssue {
  code: string;
  workflowId: string;
  runId: string;
  state: IssueState;
  temporalUiUrl: string;
}

export interface IssueDetail {
  state: IssueState;
  events: IssueEventEntity[];
  temporalUiUrl: string;
}

/** Use cases of issues: start a lifecycle, read its live state. */
@Injectable()
export class IssuesService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(Client) private readonly temporal: Client,
    private readonly config: Configuration,
  ) {}

  async report(dto: CreateIssueDto): Promise<StartedIssue> {
    const [category] = await this.dataSource.query<Array<{ owner_unit_code: string }>>(
      `SELECT owner_unit_code FROM responsibility_categories WHERE code = $1`,
      [dto.category],
    );
    if (!category)
      throw IssueErrors.unknownReference(
        'category',
        dto.category,
        'a category of the responsibility catalog',
      );
    const [township] = await this.dataSource.query<Array<{ code: string }>>(
      `SELECT code FROM units WHERE code = $1 AND kind = 'township'`,
      [dto.township],
    );
    if (!township) throw IssueErrors.unknownReference('township', dto.township, 'a township-level unit');
    const [finder] = await this.dataSource.query<Array<{ code: string }>>(
      `SELECT code FROM units WHERE code = $1`,
      [dto.finderUnit],
    );
    if (!finder)
      throw IssueErrors.unknownReference('finderUnit', dto.finderUnit, 'a unit of the organisation');

    const [{ seq }] = await this.dataSource.query<Array<{ seq: number }>>(
      `SELECT nextval('issue_code_seq')::int AS seq`,
    );
    const now = new Date();
    const code = formatIssueCode(Number(now.toISOString().slice(0, 4)), seq);
    const input: IssueLifecycleInput = {
      code,
      report: {
        title: dto.title,
        description: dto.description,
        category: dto.category,
        severity: dto.severity,
        source: dto.source,
        township: dto.township,
        ...(dto.village ? { village: dto.village } : {}),
        ...(dto.location ? { location: { lat: dto.location.lat, lng: dto.location.lng } } : {}),
        finderUnit: dto.finderUnit,
        reportedBy: dto.reportedBy,
        evidence: dto.evidence ?? [],
      },
      sectorOwner: category.owner_unit_code,
      territorialOwner: dto.township,
      definitionVersion: ISSUE_PROCESS.version,
      reportedAt: now.toISOString(),
      policy: ISSUE_PROCESS.policy,
      calendar: DEFAULT_CALENDAR,
      organisation: DEFAULT_ORGANISATION,
    };
    // The same rules the workflow runs, so the first search attributes already say where the issue stands.
    const { state } = startIssue(input, {
      definition: ISSUE_PROCESS,
      calendar: DEFAULT_CALENDAR,
      now: now.getTime(),
    });
    const workflowId = issueWorkflowId(code);
    const handle = await this.temporal.workflow.start('issueLifecycle', {
      workflowId,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
      memo: { summary: issueSummary(state) },
      typedSearchAttributes: [
        { key: IssueStatusKey, value: state.status },
        { key: OwnerUnitKey, value: state.owner ?? state.sectorOwner },
        { key: TerritorialUnitKey, value: state.territorialOwner },
        { key: TownshipKey, value: state.report.township },
        { key: CategoryKey, value: state.report.category },
        { key: SeverityKey, value: state.report.severity },
        { key: OverdueKey, value: state.overdue },
        { key: EscalationLevelKey, value: state.escalationLevel },
      ],
    });
    return {
      code,
      workflowId,
      runId: handle.firstExecutionRunId,
      state,
      temporalUiUrl: this.uiUrl(workflowId),
    };
  }

  async detail(code: string): Promise<IssueDetail> {
    if (!isIssueCode(code)) throw IssueErrors.badCode(code);
    const workflowId = issueWorkflowId(code);
    let state: IssueState;
    try {
      state = await this.temporal.workflow.getHandle(workflowId).query(issueStateQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw IssueErrors.notFound(code);
      throw error;
    }
    const events = await this.dataSource
      .getRepository(IssueEventEntity)
      .find({ where: { issueCode: code }, order: { seq: 'ASC' } });
    return { state, events, temporalUiUrl: this.uiUrl(workflowId) };
  }

  private uiUrl(workflowId: string): string {
    return `${this.config.TEMPORAL_UI_URL}/namespaces/${encodeURIComponent(this.config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;
  }
}
