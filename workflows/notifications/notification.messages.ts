import { defineSignal } from '@temporalio/workflow';

/** Wakes the dispatcher before its timer fires, e.g. right after notices were enqueued. */
export const wakeDispatcherSignal = defineSignal('wakeDispatcher');
