import type { DataSource } from 'typeorm';
import {
  taskWorkflowId,
  type AssignedTaskState,
  type TaskEventRecord,
} from '../../domain/tasks/assigned-task';
import { AssignedTaskRepository } from '../../persistence/repositories/assigned-task.repository';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import { OutboxRepository } from '../../persistence/repositories/outbox.repository';
import { writeDutyNotices } from '../duties/duty-notices';

export interface RecordTaskEventsInput {
  state: AssignedTaskState;
  events: TaskEventRecord[];
}

/** The assigned tasks' activity (R4): each step's events, read model and notices in one transaction. */
export function createTaskActivities({ dataSource }: { dataSource: DataSource }) {
  const tasks = new AssignedTaskRepository(dataSource);
  const organisation = new OrganisationRepository(dataSource);
  const outbox = new OutboxRepository(dataSource);
  return {
    /** Appends the events, moves the read model and puts their notices in the outbox; a retry adds nothing. */
    recordTaskEvents({ state, events }: RecordTaskEventsInput): Promise<number> {
      return dataSource.transaction(async (manager) => {
        const tx = { organisation: organisation.within(manager), outbox: outbox.within(manager) };
        const written = await tasks.within(manager).record(taskWorkflowId(state.code), state, events);
        await writeDutyNotices(
          tx,
          events.flatMap((e) => e.notices),
        );
        return written.length;
      });
    },
  };
}
