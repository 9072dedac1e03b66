import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { shanghaiParts } from '../../domain/duties/periods';
import { DUTY_SCHEDULES, SCHEDULES } from '../../domain/duties/duty-schedules';
import { ensureDutySchedules } from '../../worker/schedules';
import { eventually } from '../support/harness';
import { testServers } from '../support/servers';

/** The duty clocks as real Temporal Schedules on the dev server, in Asia/Shanghai. */
describe('standing-duty schedules', () => {
  let connection: NativeConnection;
  let client: Client;
  const taskQueue = 'it-duty-schedules';

  beforeAll(async () => {
    const servers = testServers();
    connection = await NativeConnection.connect({ address: servers.temporalAddress });
    client = new Client({ connection, namespace: servers.namespace });
  });
  afterAll(async () => {
    // The clocks must not fire into later tests of this run.
    for (const s of SCHEDULES)
      await client?.schedule
        .getHandle(s.id)
        .delete()
        .catch(() => undefined);
    await connection?.close();
  });

  it('P1, P3, P4, P6: every duty clock is a schedule in Asia/Shanghai that fires at its Shanghai time', async () => {
    const namespace = testServers().namespace;
    expect(await ensureDutySchedules(connection, { namespace, taskQueue })).toEqual(
      SCHEDULES.map((s) => s.id),
    );
    for (const definition of SCHEDULES) {
      const described = await client.schedule.getHandle(definition.id).describe();
      expect(described.spec.timezone).toBe('Asia/Shanghai');
      // Each cycle outlives the start of the next (notices go out after its period): never skip one.
      expect(described.policies.overlap).toBe('ALLOW_ALL');
      expect(described.action).toMatchObject({
        type: 'startWorkflow',
        workflowType: definition.workflowType,
        taskQueue,
      });
      const next = described.info.nextActionTimes;
      expect(next.length).toBeGreaterThan(0);
      for (const at of next) {
        const local = shanghaiParts(at);
        expect([local.hour, local.minute]).toEqual([definition.calendar.hour, definition.calendar.minute]);
        if (definition.calendar.dayOfWeek) expect(local.weekday).toBe(1);
        if (definition.calendar.dayOfMonth) expect(local.day).toBe(definition.calendar.dayOfMonth);
        if (definition.calendar.month) expect(local.month).toBe(definition.calendar.month);
      }
    }
    // Weekly at Monday 00:01 in Shanghai is Sunday 16:01 UTC.
    const weekly = await client.schedule.getHandle('duty-weekly-patrols').describe();
    expect(weekly.info.nextActionTimes[0].getUTCDay()).toBe(0);
    expect(weekly.info.nextActionTimes[0].getUTCHours()).toBe(16);
  });

  it('a second worker starting up changes nothing; a changed definition is brought up to date', async () => {
    const namespace = testServers().namespace;
    const handle = client.schedule.getHandle('duty-weekly-reports');
    // An operator (or an older version) left the clock at another time and queue.
    await handle.update((previous) => ({
      ...previous,
      spec: { calendars: [{ dayOfWeek: 'TUESDAY', hour: 9, minute: 0 }], timezone: 'UTC' },
    }));
    await ensureDutySchedules(connection, { namespace, taskQueue });
    await ensureDutySchedules(connection, { namespace, taskQueue });
    const described = await handle.describe();
    expect(described.spec.timezone).toBe('Asia/Shanghai');
    const local = shanghaiParts(described.info.nextActionTimes[0]);
    expect([local.weekday, local.hour, local.minute]).toEqual([1, 0, 5]);
    // Listing goes through visibility, which may trail the writes by a moment.
    const wanted = DUTY_SCHEDULES.map((s) => s.id).sort();
    const listed = await eventually(async () => {
      const ids: string[] = [];
      for await (const s of client.schedule.list())
        if (s.scheduleId.startsWith('duty-')) ids.push(s.scheduleId);
      return ids.sort().join() === wanted.join() ? ids : undefined;
    });
    expect(listed).toEqual(wanted);
  });
});
