import { ISSUE_PROCESS, ISSUE_PROCESS_V2, type ProcessDefinition } from './issue-process.definition';

/** Every version of the issue process a running issue may be under. */
const VERSIONS: Record<string, ProcessDefinition> = {
  [ISSUE_PROCESS_V2.version]: ISSUE_PROCESS_V2,
  [ISSUE_PROCESS.version]: ISSUE_PROCESS,
};

export function processDefinition(version: string): ProcessDefinition {
  const definition = VERSIONS[version];
  if (!definition) {
    throw new Error(
      `issue process version ${version} is unknown; known: ${Object.keys(VERSIONS).join(', ')}`,
    );
  }
  return definition;
}

/** Whether a version's definition switched a rule on; false for versions before the switches (v1, v2). */
export function versionHasRule(version: string, rule: keyof ProcessDefinition['rules']): boolean {
  return VERSIONS[version]?.rules[rule] === true;
}
