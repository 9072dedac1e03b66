import { dutyPolicyOverride, dutyPolicyValueProblem } from '../../config/configuration';
import { resolveDutyPolicy, type DutyPolicy } from '../../domain/duties/duty-policy';
import { DEFAULT_ORGANISATION } from '../../domain/organisation/roles';

export interface DutySettings {
  policy: DutyPolicy;
  /** Unit code of 县环委办, which receives the reports and watches the clocks. */
  ecoOffice: string;
}

/** The duty policy the environment sets (`DUTY_POLICY` over the defaults); throws naming what is wrong with it. */
export function dutyPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): DutyPolicy {
  const raw = env.DUTY_POLICY;
  if (raw) {
    const problem = dutyPolicyValueProblem(raw);
    if (problem) throw new Error(problem);
  }
  return resolveDutyPolicy(dutyPolicyOverride({ DUTY_POLICY: raw || undefined }));
}

/**
 * The settings a duty-cycle workflow runs with, read once at the start of the cycle and kept in its history, so
 * a cycle replays identically after the configuration changes, and the next cycle picks the change up.
 */
export function createDutySettingsActivities(env: NodeJS.ProcessEnv = process.env) {
  return {
    dutySettings(): Promise<DutySettings> {
      return Promise.resolve(env).then((e) => ({
        policy: dutyPolicyFromEnv(e),
        ecoOffice: DEFAULT_ORGANISATION.ecoOffice,
      }));
    },
  };
}
