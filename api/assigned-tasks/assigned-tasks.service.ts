import { Inject, Injectable } from '@nestjs/common';
import {
  Client,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Configuration, deadlinePolicyOverride } from '../../config/configuration';
import { DEFAULT_CALENDAR } from '../../domain/calendar/working-days';
import type { Page } from '../../domain/common/page';
import type { Rejection } from '../../domain/common/rejection';
import { shanghaiParts } from '../../domain/duties/periods';
import { DEFAULT_ORGANISATION, isCountyWide, type Actor } from '../../domain/organisation/roles';
import { ISSUE_PROCESS } from '../../domain/process/issue-process.definition';
import {
  deadlineProblem,
  formatTaskCode,
  initialTaskState,
  mayAssignTask,
  TASK_CODE_PATTERN,
  taskSummary,
  taskWorkflowId,
  type AssignedTaskInput,
  type AssignedTaskState,
  type TaskPolicy,
} from '../../domain/tasks/assigned-task';
import {
  AssignedTaskRepository,
  type AssignedTaskRow,
  type TaskEventRow,
} from '../../persistence/repositories/assigned-task.repository';
import { EvidenceRepository } from '../../persistence/repositories/evidence.repository';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import {
  acceptTaskUpdate,
  assignedTaskStateQuery,
  reportTaskUpdate,
  sendBackTaskUpdate,
  TASK_REJECTED,
} from '../../workflows/tasks/assigned-task.messages';
import { assignedTaskSearchAttributes } from '../../workflows/tasks/assigned-task.search-attributes';
import { assignedTask } from '../../workflows/tasks/assigned-task.workflow';
import { temporalUiUrl } from '../common/temporal-ui';
import { IssuesService } from '../issues/issues.service';
import type {
  CreateAssignedTaskDto,
  ListAssignedTasksQueryDto,
  ReportAssignedTaskDto,
} from './dto/assigned-task.dto';
import { TaskErrors } from './assigned-tasks.errors';

const EVIDENCE_ID = /^[0-9a-f]{64}$/;

export interface AssignedTaskAnswer {
  code: string;
  workflowId: string;
  temporalUiUrl: string;
  state: AssignedTaskState;
}

export interface AssignedTaskDetail extends AssignedTaskAnswer {
  events: TaskEventRow[];
}

/** 交办任务 (R4): a county grid head assigns, the assignee reports, the assigner accepts or sends back. */
@Injectable()
export class AssignedTasksService {
  private readonly policy: TaskPolicy;

  constructor(
    private readonly tasks: AssignedTaskRepository,
    private readonly organisation: OrganisationRepository,
    private readonly evidence: EvidenceRepository,
    private readonly issues: IssuesService,
    @Inject(Client) private readonly temporal: Client,
    private readonly config: Configuration,
  ) {
    const { reminderWorkingDaysBefore, countySupervisionAfterWorkingDays, chiefEscalationAfterWorkingDays } =
      {
        ...ISSUE_PROCESS.policy,
        ...deadlinePolicyOverride(config),
      };
    this.policy = {
      reminderWorkingDaysBefore,
      countySupervisionAfterWorkingDays,
      chiefEscalationAfterWorkingDays,
    };
  }

  async assign(dto: CreateAssignedTaskDto, actor: Actor): Promise<AssignedTaskAnswer> {
    if (!mayAssignTask(actor)) throw TaskErrors.assignForbidden();
    const assigneeCode = dto.assignee ?? DEFAULT_ORGANISATION.ecoOffice;
    const assignee = await this.organisation.unit(assigneeCode);
    if (!assignee) throw TaskErrors.unknownReference('assignee', assigneeCode, 'a unit of the organisation');
    const now = Date.now();
    const problem = deadlineProblem(dto.deadline, 'deadline', now, DEFAULT_CALENDAR, this.policy);
    if (problem) throw TaskErrors.rejected(problem);
    const codes = dto.issueCodes ?? [];
    const [unknown] = await this.issues.unknownIssueCodes(codes);
    if (unknown !== undefined)
      throw TaskErrors.unknownReference(`issueCodes[${unknown}]`, codes[unknown], 'a reported issue');

    const code = formatTaskCode(shanghaiParts(now).year, await this.tasks.nextNumber());
    const input: AssignedTaskInput = {
      code,
      title: dto.title,
      description: dto.description,
      assignee: assignee.code,
      assigneeName: assignee.name,
      assigner: { id: actor.id, name: actor.name, unitCode: actor.unitCode },
      deadline: dto.deadline,
      issueCodes: codes,
      assignedAt: new Date(now).toISOString(),
      policy: this.policy,
      calendar: DEFAULT_CALENDAR,
      ecoOffice: DEFAULT_ORGANISATION.ecoOffice,
    };
    const state = initialTaskState(input);
    const workflowId = taskWorkflowId(code);
    await this.temporal.workflow.start(assignedTask, {
      workflowId,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
      memo: { summary: taskSummary(state) },
      typedSearchAttributes: assignedTaskSearchAttributes(state),
    });
    return { code, workflowId, temporalUiUrl: temporalUiUrl(this.config, workflowId), state };
  }

  async report(code: string, dto: ReportAssignedTaskDto, actor: Actor): Promise<AssignedTaskState> {
    const evidence = dto.evidence ?? [];
    const known = await this.evidence.knownIds(evidence.filter((e) => EVIDENCE_ID.test(e)));
    const missing = evidence.findIndex((e) => EVIDENCE_ID.test(e) && !known.has(e));
    if (missing >= 0)
      throw TaskErrors.unknownReference(
        `evidence[${missing}]`,
        evidence[missing],
        'an uploaded evidence file',
      );
    return this.update(code, () =>
      this.handle(code).executeUpdate(reportTaskUpdate, { args: [{ actor, text: dto.text, evidence }] }),
    );
  }

  accept(code: string, opinion: string, actor: Actor): Promise<AssignedTaskState> {
    return this.update(code, () =>
      this.handle(code).executeUpdate(acceptTaskUpdate, { args: [{ actor, text: opinion }] }),
    );
  }

  sendBack(
    code: string,
    reason: string,
    newDeadline: string | undefined,
    actor: Actor,
  ): Promise<AssignedTaskState> {
    const args = { actor, text: reason, ...(newDeadline ? { newDeadline } : {}) };
    return this.update(code, () => this.handle(code).executeUpdate(sendBackTaskUpdate, { args: [args] }));
  }

  /** The assignee reads its tasks; 县环委办 and the county heads read all. */
  async list(query: ListAssignedTasksQueryDto, actor: Actor): Promise<Page<AssignedTaskRow>> {
    let scopeUnit: string | undefined;
    if (!isCountyWide(actor)) {
      if (query.assignee !== undefined && query.assignee !== actor.unitCode)
        throw TaskErrors.notInScope(query.assignee);
      scopeUnit = actor.unitCode;
    }
    const { items, total } = await this.tasks.page(
      { scopeUnit, assignee: query.assignee, status: query.status, overdue: query.overdue },
      query.page,
      query.pageSize,
    );
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  /** The live state while the task runs, else the last state it wrote; with its history. */
  async get(code: string, actor: Actor): Promise<AssignedTaskDetail> {
    const workflowId = taskWorkflowId(this.checked(code));
    let state: AssignedTaskState | undefined;
    try {
      state = await this.handle(code).query(assignedTaskStateQuery);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      state = await this.tasks.storedState(code);
    }
    if (!state) throw TaskErrors.notFound(code);
    if (!isCountyWide(actor) && actor.unitCode !== state.assignee) throw TaskErrors.notInScope(code);
    return {
      code,
      workflowId,
      temporalUiUrl: temporalUiUrl(this.config, workflowId),
      state,
      events: await this.tasks.events(code),
    };
  }

  private handle(code: string): WorkflowHandle<typeof assignedTask> {
    return this.temporal.workflow.getHandle<typeof assignedTask>(taskWorkflowId(this.checked(code)));
  }

  private checked(code: string): string {
    if (!TASK_CODE_PATTERN.test(code)) throw TaskErrors.badCode(code);
    return code;
  }

  /** Runs an Update; Temporal's answers become problems: a Rejection 409/403/422, a finished task 409. */
  private async update(code: string, run: () => Promise<AssignedTaskState>): Promise<AssignedTaskState> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        const cause = error.cause;
        if (cause instanceof ApplicationFailure && cause.type === TASK_REJECTED) {
          const rejection = cause.details?.[0] as Rejection | undefined;
          if (rejection && typeof rejection.kind === 'string') throw TaskErrors.rejected(rejection);
        }
      }
      if (error instanceof WorkflowNotFoundError)
        throw (await this.tasks.find(code)) ? TaskErrors.closed(code) : TaskErrors.notFound(code);
      throw error;
    }
  }
}
