import { forbidden, notFound, stateConflict } from '../common/problem-factories';

/** The village relay's errors (G8), each with a stable code. */
export const VillageRelayErrors = {
  notFound: (id: string) =>
    notFound('village-relay-not-found', 'Relay not found', `No village relay has the id ${id.slice(0, 64)}.`),
  notVillageMember: () =>
    forbidden(
      'relay-not-village-member',
      '只有在村级网格（或其分片）工作的村级网格员、公益性岗位人员反馈情况；乡镇网格员直接上报问题。Only a village grid member or public-welfare post working in a village grid relays; township members report issues.',
      { field: 'actor', rule: 'G8', message: 'the actor works in no village grid of a township' },
    ),
  notHandler: (township: string) =>
    forbidden(
      'relay-not-handler',
      `只有${township}的网格员、直接负责人、网格长或副网格长受理或答复。Only ${township}'s grid members and heads accept or answer a relay.`,
      { field: 'actor', rule: 'G8', message: `the actor is not a grid member or head of ${township}` },
    ),
  notInScope: (id: string) =>
    forbidden(
      'relay-not-in-scope',
      `Relay ${id} is readable by its township, the reporter’s unit and the county office only.`,
    ),
  settled: (id: string, status: string) =>
    stateConflict('relay-settled', 'relay', `Relay ${id} is ${status} already.`, {
      field: 'id',
      rule: 'G8',
      message: 'a relay is accepted or answered once',
    }),
};
