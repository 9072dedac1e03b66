import type { ActionRules } from './action-rule';
import { acceptRectification, applyForClosure, sendBack } from './rules/closure.rules';
import {
  formSupervisionGroup,
  recordConsultation,
  requireSupervisionGroup,
} from './rules/consultation.rules';
import { confirmFix, recordImmediateFix, rejectFix } from './rules/immediate-fix.rules';
import { reportJointFinding, startJointInvestigation } from './rules/joint-investigation.rules';
import { fileObjection, resolveObjection } from './rules/public-notice.rules';
import {
  allowAnotherExtension,
  decideExtension,
  reportProgress,
  requestExtension,
  submitPlan,
} from './rules/rectification.rules';
import { changeSeverity } from './rules/severity.rules';
import { nameResponsibleParty } from './rules/responsible-party.rules';
import { signOff, supervisionGroupSignOff } from './rules/sign-off.rules';
import { correctSource } from './rules/source.rules';
import {
  acceptTransfer,
  assignOwner,
  reportTransferFeedback,
  returnTransfer,
  transfer,
} from './rules/transfer.rules';

/** Every action of the lifecycle, keyed by its id in the process definition. */
export const ACTION_RULES: ActionRules = {
  transfer,
  acceptTransfer,
  returnTransfer,
  assignOwner,
  reportTransferFeedback,
  recordImmediateFix,
  confirmFix,
  rejectFix,
  submitPlan,
  reportProgress,
  requestExtension,
  decideExtension,
  startJointInvestigation,
  reportJointFinding,
  recordConsultation,
  formSupervisionGroup,
  applyForClosure,
  acceptRectification,
  sendBack,
  fileObjection,
  resolveObjection,
  signOff,
  supervisionGroupSignOff,
  changeSeverity,
  requireSupervisionGroup,
  allowAnotherExtension,
  correctSource,
  nameResponsibleParty,
};
