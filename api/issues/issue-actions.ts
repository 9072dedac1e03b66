import type { Type } from '@nestjs/common';
import type { ActionData } from '../../domain/issue/actions';
import type { ActionId } from '../../domain/process/issue-process.definition';
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
  changeSeverity: ChangeSeverityDto,
  requireSupervisionGroup: RequireSupervisionGroupDto,
  allowAnotherExtension: AllowAnotherExtensionDto,
  correctSource: CorrectSourceDto,
  nameResponsibleParty: NameResponsiblePartyDto,
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

/** `acceptTransfer` → `accept-transfer`, as a type: the path segments of the action endpoints. */
type Kebab<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${Kebab<Tail>}`
  : S;

/** The path segment of each action's endpoint, `POST /api/v1/issues/:code/<path>`. */
export type ActionPath = Kebab<ActionId>;

/** `acceptTransfer` → `accept-transfer`: the path segment of the action's endpoint. */
export function actionPath<A extends ActionId>(action: A): Kebab<A> {
  return action.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`) as Kebab<A>;
}

/** `accept-transfer` → `acceptTransfer`: the action an endpoint's path names. */
export function actionOfPath(path: ActionPath): ActionId {
  const action = path.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
  if (!(action in ACTION_DTOS)) throw new Error(`no lifecycle action has the path ${path}`);
  return action as ActionId;
}
