import { temporal } from '@temporalio/proto';

const EventType = temporal.api.enums.v1.EventType;

/** What one workflow's history costs Temporal: its events, its bytes, and where the bytes go. */
export interface HistoryFigures {
  events: number;
  /** The history as Temporal stores and ships it (protobuf). */
  bytes: number;
  /** Search-attribute upserts and memo changes of the workflow's own (the patches' markers apart). */
  visibilityEvents: number;
  /** `patched()` calls recorded: each is a marker and an upsert of `TemporalChangeVersion`. */
  patchEvents: number;
  /** Payload bytes of the workflow's input (the report, the policy, the calendar, the unit names). */
  startInputBytes: number;
  /** Payload bytes of the activities' inputs. */
  activityInputBytes: number;
  /** Payload bytes of the Updates' results. */
  updateResultBytes: number;
  activities: number;
}

const payloadBytes = (payloads: temporal.api.common.v1.IPayloads | null | undefined): number =>
  (payloads?.payloads ?? []).reduce((sum, p) => sum + (p.data?.length ?? 0), 0);

/** Counts a fetched history's events and bytes. */
export function historyFigures(history: temporal.api.history.v1.IHistory): HistoryFigures {
  const events = history.events ?? [];
  const figures: HistoryFigures = {
    events: events.length,
    bytes: temporal.api.history.v1.History.encode(history).finish().length,
    visibilityEvents: 0,
    patchEvents: 0,
    startInputBytes: 0,
    activityInputBytes: 0,
    updateResultBytes: 0,
    activities: 0,
  };
  for (const event of events) {
    switch (event.eventType) {
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
        figures.startInputBytes += payloadBytes(event.workflowExecutionStartedEventAttributes?.input);
        break;
      case EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: {
        const fields = Object.keys(
          event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {},
        );
        if (fields.length === 1 && fields[0] === 'TemporalChangeVersion') figures.patchEvents += 1;
        else figures.visibilityEvents += 1;
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED:
        figures.visibilityEvents += 1;
        break;
      case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
        figures.activities += 1;
        figures.activityInputBytes += payloadBytes(event.activityTaskScheduledEventAttributes?.input);
        break;
      case EventType.EVENT_TYPE_MARKER_RECORDED:
        // A local activity's result sits in its marker; its input is never in the history.
        if (event.markerRecordedEventAttributes?.markerName === 'core_patch') figures.patchEvents += 1;
        else figures.activities += 1;
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED:
        figures.updateResultBytes += payloadBytes(
          event.workflowExecutionUpdateCompletedEventAttributes?.outcome?.success,
        );
        break;
      default:
        break;
    }
  }
  return figures;
}

/** One line of figures, for a benchmark's or a test's output. */
export function describeFigures(label: string, f: HistoryFigures): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return (
    `${label}: ${f.events} events, ${kb(f.bytes)} (visibility events ${f.visibilityEvents}, patch events ${f.patchEvents}, ` +
    `input ${kb(f.startInputBytes)}, ${f.activities} activities with ${kb(f.activityInputBytes)} of inputs, Update results ${kb(f.updateResultBytes)})`
  );
}
