import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/organisation/roles';
import type { IssueState } from '../../domain/issue/issue.types';
import { CurrentActor } from '../auth/current-actor.decorator';
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
import { IssuesService } from './issues.service';

/**
 * 问题处置 The lifecycle actions: one endpoint per action of the process definition, each with its own body schema
 * in the OpenAPI document (`@ActionRoute` adds the operation and its answers). The actor always comes from the token.
 */
@ApiTags('issue actions')
@ApiBearerAuth()
@Controller('api/v1/issues')
export class IssueActionsController {
  constructor(private readonly issues: IssuesService) {}

  @ActionRoute('transfer')
  transfer(
    @Param('code') code: string,
    @Body() dto: TransferDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'transfer', actor, dto);
  }

  @ActionRoute('accept-transfer')
  acceptTransfer(
    @Param('code') code: string,
    @Body() dto: AcceptTransferDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'acceptTransfer', actor, dto);
  }

  @ActionRoute('return-transfer')
  returnTransfer(
    @Param('code') code: string,
    @Body() dto: ReturnTransferDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'returnTransfer', actor, dto);
  }

  @ActionRoute('assign-owner')
  assignOwner(
    @Param('code') code: string,
    @Body() dto: AssignOwnerDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'assignOwner', actor, dto);
  }

  @ActionRoute('report-transfer-feedback')
  reportTransferFeedback(
    @Param('code') code: string,
    @Body() dto: ReportTransferFeedbackDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'reportTransferFeedback', actor, dto);
  }

  @ActionRoute('record-immediate-fix')
  recordImmediateFix(
    @Param('code') code: string,
    @Body() dto: RecordImmediateFixDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'recordImmediateFix', actor, dto);
  }

  @ActionRoute('confirm-fix')
  confirmFix(
    @Param('code') code: string,
    @Body() dto: ConfirmFixDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'confirmFix', actor, dto);
  }

  @ActionRoute('reject-fix')
  rejectFix(
    @Param('code') code: string,
    @Body() dto: RejectFixDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'rejectFix', actor, dto);
  }

  @ActionRoute('submit-plan')
  submitPlan(
    @Param('code') code: string,
    @Body() dto: SubmitPlanDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'submitPlan', actor, dto);
  }

  @ActionRoute('report-progress')
  reportProgress(
    @Param('code') code: string,
    @Body() dto: ReportProgressDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'reportProgress', actor, dto);
  }

  @ActionRoute('request-extension')
  requestExtension(
    @Param('code') code: string,
    @Body() dto: RequestExtensionDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'requestExtension', actor, dto);
  }

  @ActionRoute('decide-extension')
  decideExtension(
    @Param('code') code: string,
    @Body() dto: DecideExtensionDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'decideExtension', actor, dto);
  }

  @ActionRoute('start-joint-investigation')
  startJointInvestigation(
    @Param('code') code: string,
    @Body() dto: StartJointInvestigationDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'startJointInvestigation', actor, dto);
  }

  @ActionRoute('report-joint-finding')
  reportJointFinding(
    @Param('code') code: string,
    @Body() dto: ReportJointFindingDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'reportJointFinding', actor, dto);
  }

  @ActionRoute('record-consultation')
  recordConsultation(
    @Param('code') code: string,
    @Body() dto: RecordConsultationDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'recordConsultation', actor, dto);
  }

  @ActionRoute('form-supervision-group')
  formSupervisionGroup(
    @Param('code') code: string,
    @Body() dto: FormSupervisionGroupDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'formSupervisionGroup', actor, dto);
  }

  @ActionRoute('apply-for-closure')
  applyForClosure(
    @Param('code') code: string,
    @Body() dto: ApplyForClosureDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'applyForClosure', actor, dto);
  }

  @ActionRoute('accept-rectification')
  acceptRectification(
    @Param('code') code: string,
    @Body() dto: AcceptRectificationDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'acceptRectification', actor, dto);
  }

  @ActionRoute('send-back')
  sendBack(
    @Param('code') code: string,
    @Body() dto: SendBackDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'sendBack', actor, dto);
  }

  @ActionRoute('file-objection')
  fileObjection(
    @Param('code') code: string,
    @Body() dto: FileObjectionDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'fileObjection', actor, dto);
  }

  @ActionRoute('resolve-objection')
  resolveObjection(
    @Param('code') code: string,
    @Body() dto: ResolveObjectionDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'resolveObjection', actor, dto);
  }

  @ActionRoute('sign-off')
  signOff(
    @Param('code') code: string,
    @Body() dto: SignOffDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'signOff', actor, dto);
  }

  @ActionRoute('supervision-group-sign-off')
  supervisionGroupSignOff(
    @Param('code') code: string,
    @Body() dto: SupervisionGroupSignOffDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssueState> {
    return this.issues.act(code, 'supervisionGroupSignOff', actor, dto);
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
}
