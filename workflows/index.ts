// The workflow bundle's entry: every workflow type the worker registers.
export { issueLifecycle } from './issue/issue.workflow';
export { jointInvestigation } from './issue/joint-investigation.workflow';
export { notificationDispatcher } from './notifications/notification-dispatcher.workflow';
