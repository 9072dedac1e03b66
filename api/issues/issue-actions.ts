import type { Type } from '@nestjs/common';
import type { ActionData } from '../../domain/issue/actions';
import {
  actionDefinition,
  ISSUE_PROCESS,
  type ActionId,
} from '../../domain/process/issue-process.definition';
import {
  AcceptRectificationDto,
  AcceptTransferDto,
  ApplyForClosureDto,
  AssignOwnerDto,
  ConfirmFixDto,
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
  ResolveObjectionDto,
  ReturnTransferDto,
  SendBackDto,
  SignOffDto,
  StartJointInvestigationDto,
  SubmitPlanDto,
  SupervisionGroupSignOffDto,
  TransferDto,
} from './dto/action.dto';

/** The body class of each action; the mapped type makes the table complete and each DTO an ActionData. */
export const ACTION_DTOS = {
  transfer: TransferDto,
  acceptTransfer: AcceptTransferDto,
  returnTransfer: ReturnTransferDto,
  assignOwner: AssignOwnerDto,
  reportTransferFeedback: ReportTransferFeedbackDto,
  recordImmediateFix: RecordImmediateFixDto,
  confirmFix: ConfirmFixDto,
  rejectFix: RejectFixDto,
  submitPlan: SubmitPlanDto,
  reportProgress: ReportProgressDto,
  requestExtension: RequestExtensionDto,
  decideExtension: DecideExtensionDto,
  startJointInvestigation: StartJointInvestigationDto,
  reportJointFinding: ReportJointFindingDto,
  recordConsultation: RecordConsultationDto,
  formSupervisionGroup: FormSupervisionGroupDto,
  applyForClosure: ApplyForClosureDto,
  acceptRectification: AcceptRectificationDto,
  sendBack: SendBackDto,
  fileObjection: FileObjectionDto,
  resolveObjection: ResolveObjectionDto,
  signOff: SignOffDto,
  supervisionGroupSignOff: SupervisionGroupSignOffDto,
} satisfies { [A in ActionId]: Type<ActionData[A]> };

type Mutual<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false;
/** Mutually assignable and with the same keys (so an extra optional field counts as a difference too). */
type Same<X, Y> = Mutual<X, Y> extends true ? Mutual<keyof X, keyof Y> : false;
/** Compile-time proof that every DTO has exactly the fields of its ActionData, no more, no fewer. */
export const DTOS_MATCH_ACTION_DATA: {
  [A in ActionId]: Same<InstanceType<(typeof ACTION_DTOS)[A]>, ActionData[A]>;
} = Object.fromEntries(Object.keys(ACTION_DTOS).map((id) => [id, true])) as {
  [A in ActionId]: true;
};

/** `acceptTransfer` → `accept-transfer`: the path segment of the action's endpoint. */
export function actionPath(action: ActionId): string {
  return action.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

export interface ActionEndpoint {
  action: ActionId;
  path: string;
  dto: Type<unknown>;
  label: string;
  rules: string[];
  parties: readonly string[];
}

export const ACTION_ENDPOINTS: ActionEndpoint[] = (Object.keys(ACTION_DTOS) as ActionId[]).map((action) => {
  const definition = actionDefinition(ISSUE_PROCESS, action);
  return {
    action,
    path: actionPath(action),
    dto: ACTION_DTOS[action],
    label: definition.label,
    rules: definition.rules,
    parties: definition.parties,
  };
});
