import { Body, Controller, Get, Param } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../../domain/organisation/roles';
import type { IssueState } from '../../domain/issue/issue.types';
import { CurrentActor } from '../auth/current-actor.decorator';
import { IdempotencyToken } from '../common/idempotency.interceptor';
import { ActionRoute } from './action-route.decorator';
import {
  AcceptRectificationDto,
  AcceptTransferDto,
  AllowAnotherExtensionDto,
  ApplyForClosureDto,
  AssignOwnerDto,
  ChangeSeverityDto,
  ConfirmFixDto,
  CorrectSourceDto,
  DecideExtensionDto,
  FileObjectionDto,
  FormSupervisionGroupDto,
  NameResponsiblePartyDto,
  RecordConsultationDto,
  RecordImmediateFixDto,
  RejectFixDto,
  ReportJointFindingDto,
  ReportProgressDto,
  ReportTransferFeedbackDto,
  RequestExtensionDto,
  RequireSupervisionGroupDto,
  ResolveObjectionDto,
  ReturnTransferDto,
  SendBackDto,
  SignOffDto,
  StartJointInvestigationDto,
  SubmitPlanDto,
  SupervisionGroupSignOffDto,
  TransferDto,
} from './dto/action.dto';
import { IssuesService, UPDATE_ID_PATTERN } from './issues.service';
import { ISSUE_CODE_PATTERN } from '../../domain/issue/issue-code';
import { ACTION_PENDING_SCHEMA, ISSUE_STATE_SCHEMA } from './issues.schemas';

/**
 * 问题处置 The lifecycle actions: one endpoint per action of the process definition, each with its own body schema
 * in the OpenAPI document (`@ActionRoute` adds the operation and its answers). The actor always comes from the token.
 */
@ApiTags('issue actions')
@ApiBearerAuth()
@Controller('api/v1/issues')
export class IssueActionsController {
  constructor(private readonly issues: IssuesService) {}

  @Get(':code/actions/:updateId')
  @ApiOperation({
    summary: '办理结果 The outcome of an action answered 202',
    description:
      '办理超过等待时间（UPDATE_WAIT_SECONDS）时答复 202 及此地址；办理完成后此处答复新状态，仍在进行时答复 202。 An action that outlasted UPDATE_WAIT_SECONDS was answered 202 with this Location: here is its outcome once known (200 with the new state, or the action’s own refusal), 202 while it still runs (S3).',
  })
  @ApiParam({
    name: 'code',
    example: '2026-000001',
    schema: { type: 'string', pattern: ISSUE_CODE_PATTERN.source },
  })
  @ApiParam({
    name: 'updateId',
    description: 'The updateId of the 202 answer',
    schema: { type: 'string', pattern: UPDATE_ID_PATTERN.source },
  })
  @ApiOkResponse({ description: '新状态 The new live state of the issue', schema: ISSUE_STATE_SCHEMA })
  @ApiAcceptedResponse({
    description: '仍在办理 Still running; poll again after Retry-After',
    schema: ACTION_PENDING_SCHEMA,
  })
  @ApiNotFoundResponse({ description: '无此办理 No such action (retry it with its Idempotency-Key)' })
  actionOutcome(
    @Param('code') code: string,
    @Param('updateId') updateId: string,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.actionOutcome(code, updateId, actor);
  }

  @ActionRoute('transfer')
  transfer(
    @Param('code') code: string,
    @Body() dto: TransferDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'transfer', actor, dto, token);
  }

  @ActionRoute('accept-transfer')
  acceptTransfer(
    @Param('code') code: string,
    @Body() dto: AcceptTransferDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'acceptTransfer', actor, dto, token);
  }

  @ActionRoute('return-transfer')
  returnTransfer(
    @Param('code') code: string,
    @Body() dto: ReturnTransferDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'returnTransfer', actor, dto, token);
  }

  @ActionRoute('assign-owner')
  assignOwner(
    @Param('code') code: string,
    @Body() dto: AssignOwnerDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'assignOwner', actor, dto, token);
  }

  @ActionRoute('report-transfer-feedback')
  reportTransferFeedback(
    @Param('code') code: string,
    @Body() dto: ReportTransferFeedbackDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'reportTransferFeedback', actor, dto, token);
  }

  @ActionRoute('record-immediate-fix')
  recordImmediateFix(
    @Param('code') code: string,
    @Body() dto: RecordImmediateFixDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'recordImmediateFix', actor, dto, token);
  }

  @ActionRoute('confirm-fix')
  confirmFix(
    @Param('code') code: string,
    @Body() dto: ConfirmFixDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'confirmFix', actor, dto, token);
  }

  @ActionRoute('reject-fix')
  rejectFix(
    @Param('code') code: string,
    @Body() dto: RejectFixDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'rejectFix', actor, dto, token);
  }

  @ActionRoute('submit-plan')
  submitPlan(
    @Param('code') code: string,
    @Body() dto: SubmitPlanDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'submitPlan', actor, dto, token);
  }

  @ActionRoute('report-progress')
  reportProgress(
    @Param('code') code: string,
    @Body() dto: ReportProgressDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'reportProgress', actor, dto, token);
  }

  @ActionRoute('request-extension')
  requestExtension(
    @Param('code') code: string,
    @Body() dto: RequestExtensionDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'requestExtension', actor, dto, token);
  }

  @ActionRoute('decide-extension')
  decideExtension(
    @Param('code') code: string,
    @Body() dto: DecideExtensionDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'decideExtension', actor, dto, token);
  }

  @ActionRoute('start-joint-investigation')
  startJointInvestigation(
    @Param('code') code: string,
    @Body() dto: StartJointInvestigationDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'startJointInvestigation', actor, dto, token);
  }

  @ActionRoute('report-joint-finding')
  reportJointFinding(
    @Param('code') code: string,
    @Body() dto: ReportJointFindingDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'reportJointFinding', actor, dto, token);
  }

  @ActionRoute('record-consultation')
  recordConsultation(
    @Param('code') code: string,
    @Body() dto: RecordConsultationDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'recordConsultation', actor, dto, token);
  }

  @ActionRoute('form-supervision-group')
  formSupervisionGroup(
    @Param('code') code: string,
    @Body() dto: FormSupervisionGroupDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'formSupervisionGroup', actor, dto, token);
  }

  @ActionRoute('apply-for-closure')
  applyForClosure(
    @Param('code') code: string,
    @Body() dto: ApplyForClosureDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'applyForClosure', actor, dto, token);
  }

  @ActionRoute('accept-rectification')
  acceptRectification(
    @Param('code') code: string,
    @Body() dto: AcceptRectificationDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'acceptRectification', actor, dto, token);
  }

  @ActionRoute('send-back')
  sendBack(
    @Param('code') code: string,
    @Body() dto: SendBackDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'sendBack', actor, dto, token);
  }

  @ActionRoute('file-objection')
  fileObjection(
    @Param('code') code: string,
    @Body() dto: FileObjectionDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'fileObjection', actor, dto, token);
  }

  @ActionRoute('resolve-objection')
  resolveObjection(
    @Param('code') code: string,
    @Body() dto: ResolveObjectionDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'resolveObjection', actor, dto, token);
  }

  @ActionRoute('sign-off')
  signOff(
    @Param('code') code: string,
    @Body() dto: SignOffDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'signOff', actor, dto, token);
  }

  @ActionRoute('supervision-group-sign-off')
  supervisionGroupSignOff(
    @Param('code') code: string,
    @Body() dto: SupervisionGroupSignOffDto,
    @CurrentActor() actor: Actor,
    @IdempotencyToken() token: string | undefined,
  ): Promise<IssueState> {
    return this.issues.act(code, 'supervisionGroupSignOff', actor, dto, token);
  }

  @ActionRoute('change-severity')
  changeSeverity(
    @Param('code') code: string,
    @Body() dto: ChangeSeverityDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'changeSeverity', actor, dto);
  }

  @ActionRoute('require-supervision-group')
  requireSupervisionGroup(
    @Param('code') code: string,
    @Body() dto: RequireSupervisionGroupDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'requireSupervisionGroup', actor, dto);
  }

  @ActionRoute('allow-another-extension')
  allowAnotherExtension(
    @Param('code') code: string,
    @Body() dto: AllowAnotherExtensionDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'allowAnotherExtension', actor, dto);
  }

  @ActionRoute('correct-source')
  correctSource(
    @Param('code') code: string,
    @Body() dto: CorrectSourceDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'correctSource', actor, dto);
  }

  @ActionRoute('name-responsible-party')
  nameResponsibleParty(
    @Param('code') code: string,
    @Body() dto: NameResponsiblePartyDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'nameResponsibleParty', actor, dto);
  }
}
