import { dutyPolicyOverride, dutyPolicyValueProblem } from '../../config/configuration';
import { resolveDutyPolicy, type DutyPolicy } from '../../domain/duties/duty-policy';
import { DEFAULT_ORGANISATION } from '../../domain/issue/actor';

export interface DutySettings {
  policy: DutyPolicy;
  /** Unit code of 县环委办, which receives the reports and watches the clocks. */
  ecoOffice: string;
}

/**
 * The settings a duty-cycle workflow runs with, read once at the start of the cycle and kept in its history, so
 * a cycle replays identically after the configuration changes, and the next cycle picks the change up.
 */
export function createDutySettingsActivities(env: NodeJS.ProcessEnv = process.env) {
  return {
    dutySettings(): Promise<DutySettings> {
      const raw = env.DUTY_POLICY;
      if (raw) {
        const problem = dutyPolicyValueProblem(raw);
        if (problem) return Promise.reject(new Error(problem));
      }
      return Promise.resolve({
        policy: resolveDutyPolicy(dutyPolicyOverride({ DUTY_POLICY: raw || undefined })),
        ecoOffice: DEFAULT_ORGANISATION.ecoOffice,
      });
    },
  };
}
