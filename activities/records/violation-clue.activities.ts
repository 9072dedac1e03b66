import type { DataSource } from 'typeorm';
import { clueWorkflowId, type ClueEventRecord, type ClueState } from '../../domain/records/violation-clues';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import { OutboxRepository } from '../../persistence/repositories/outbox.repository';
import { ViolationClueRepository } from '../../persistence/repositories/violation-clue.repository';
import { writeDutyNotices } from '../duties/duty-notices';

export interface RecordClueEventsInput {
  state: ClueState;
  events: ClueEventRecord[];
}

/** The violation clues' activity (R2): each step's events, read model and notices in one transaction. */
export function createClueActivities({ dataSource }: { dataSource: DataSource }) {
  const clues = new ViolationClueRepository(dataSource);
  const organisation = new OrganisationRepository(dataSource);
  const outbox = new OutboxRepository(dataSource);
  return {
    /** Appends the events, moves the read model and puts their notices in the outbox; a retry adds nothing. */
    recordClueEvents({ state, events }: RecordClueEventsInput): Promise<number> {
      return dataSource.transaction(async (manager) => {
        const tx = { organisation: organisation.within(manager), outbox: outbox.within(manager) };
        const written = await clues.within(manager).record(clueWorkflowId(state.id), state, events);
        await writeDutyNotices(
          tx,
          events.flatMap((e) => e.notices),
        );
        return written.length;
      });
    },
  };
}
