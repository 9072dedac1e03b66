/**
 * Version of the issue lifecycle's process definition. Each issue records the version it was started under,
 * so a changed definition never silently changes the rules of an issue already running.
 */
export const ISSUE_PROCESS_DEFINITION_ID = 'issue-lifecycle';
export const ISSUE_PROCESS_DEFINITION_VERSION = '1';
