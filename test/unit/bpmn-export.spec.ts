import { exportBpmn } from '../../domain/process/bpmn-export';
import {
  DEFAULT_DEADLINE_POLICY,
  ESCALATION_STEPS,
  ISSUE_PROCESS,
  PARTY_LABELS,
  type ProcessDefinition,
  type StateDefinition,
} from '../../domain/process/issue-process.definition';
import { checkBpmn, type BpmnCheck, type BpmnElement } from '../support/bpmn-check';

// The export is checked the way a BPMN tool reads it: parsed by bpmn-moddle and linted by bpmnlint.
const NC_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const definition = ISSUE_PROCESS;
const waitPoint = (state: StateDefinition) => (state.terminal ? `End_${state.id}` : `State_${state.id}`);
const stateOf = (nodeId: string) => nodeId.replace(/^(State|End)_/, '');

describe('exportBpmn', () => {
  let xml: string;
  let check: BpmnCheck;
  let byId: Map<string, BpmnElement>;
  let flows: BpmnElement[];

  beforeAll(async () => {
    xml = exportBpmn(definition);
    check = await checkBpmn(xml);
    byId = new Map(check.flowElements.map((e) => [e.id, e]));
    flows = check.flowElements.filter((e) => e.type === 'bpmn:SequenceFlow');
  });

  const node = (id: string) => {
    const found = byId.get(id);
    if (!found) throw new Error(`no element ${id} in the export`);
    return found;
  };
  const outgoingFlows = (id: string) => flows.filter((f) => f.sourceRef === id);
  /** The first non-gateway nodes reached from `id` along sequence flows, passing through gateways only. */
  const reached = (id: string): string[] => {
    const found = new Set<string>();
    const seen = new Set<string>();
    const walk = (from: string) => {
      for (const f of outgoingFlows(from)) {
        const target = f.targetRef as string;
        if (node(target).type.endsWith('Gateway')) {
          if (!seen.has(target)) {
            seen.add(target);
            walk(target);
          }
        } else {
          found.add(target);
        }
      }
    };
    walk(id);
    return [...found].sort();
  };
  const boundariesOf = (host: string) => check.flowElements.filter((e) => e.attachedToRef === host);

  it('parses with bpmn-moddle without warnings, as one executable process named in Chinese with its version', () => {
    expect(check.warnings).toEqual([]);
    expect(check.processes).toEqual([
      {
        id: definition.id,
        name: definition.name,
        isExecutable: true,
        documentation: expect.stringContaining(`版本 ${definition.version}`),
      },
    ]);
  });

  it('passes bpmnlint:recommended with no errors and no warnings', () => {
    expect(check.lint).toEqual([]);
  });

  it('has one BPMNShape per flow node and one BPMNEdge per sequence flow', () => {
    const nodes = check.flowElements.filter((e) => e.type !== 'bpmn:SequenceFlow').map((e) => e.id);
    expect(check.shapes.map((s) => s.bpmnElement).sort()).toEqual([...nodes].sort());
    expect(check.edges.map((e) => e.bpmnElement).sort()).toEqual(flows.map((f) => f.id).sort());
    for (const shape of check.shapes) {
      expect(shape.bounds).toEqual({
        x: expect.any(Number),
        y: expect.any(Number),
        width: expect.any(Number),
        height: expect.any(Number),
      });
    }
    for (const edge of check.edges) expect(edge.waypoints).toBeGreaterThanOrEqual(2);
  });

  it('uses stable XML NCName ids derived from the state and action ids, and is deterministic', () => {
    for (const e of check.flowElements) expect(e.id).toMatch(NC_NAME);
    for (const e of check.rootElements) expect(e.id).toMatch(NC_NAME);
    expect(exportBpmn(definition)).toBe(xml);
  });

  it('starts at 问题发现/上报 into the initial state and ends at the terminal state 已建档', () => {
    const starts = check.flowElements.filter((e) => e.type === 'bpmn:StartEvent');
    expect(starts.map((s) => s.name)).toEqual(['问题发现/上报']);
    expect(reached(starts[0].id)).toEqual([`State_${definition.initial}`]);
    const archived = node('End_archived');
    expect(archived).toMatchObject({ type: 'bpmn:EndEvent', name: '已建档' });
  });

  it('makes every non-terminal state a wait point named after it', () => {
    for (const state of definition.states) {
      const wait = node(waitPoint(state));
      expect(wait.name).toBe(state.label);
      if (state.terminal) expect(wait.type).toBe('bpmn:EndEvent');
      else if (state.callActivity) expect(wait.type).toBe('bpmn:CallActivity');
      else expect(['bpmn:ReceiveTask', 'bpmn:IntermediateThrowEvent']).toContain(wait.type);
    }
  });

  it('makes every action a user task named with its Chinese label, documenting its rule ids and parties', () => {
    const tasks = check.flowElements.filter((e) => e.type === 'bpmn:UserTask');
    expect(tasks.map((t) => t.id).sort()).toEqual(definition.actions.map((a) => `Task_${a.id}`).sort());
    for (const action of definition.actions) {
      const task = node(`Task_${action.id}`);
      expect(task.name).toBe(action.label);
      for (const rule of action.rules) expect(task.documentation).toContain(rule);
      for (const party of action.parties) {
        expect(task.documentation).toContain(party);
        expect(task.documentation).toContain(PARTY_LABELS[party]);
      }
    }
  });

  it('draws exactly the definition’s state transitions: state → user task → target state', () => {
    const expected = new Set<string>();
    for (const a of definition.actions) {
      for (const from of a.from) for (const to of a.to) expected.add(`${from} -${a.id}-> ${to}`);
    }
    const actual = new Set<string>();
    for (const state of definition.states.filter((s) => !s.terminal)) {
      for (const next of reached(waitPoint(state))) {
        if (node(next).type !== 'bpmn:UserTask') continue;
        const action = next.replace(/^Task_/, '');
        for (const target of reached(next)) actual.add(`${state.id} -${action}-> ${stateOf(target)}`);
      }
    }
    expect([...actual].sort()).toEqual([...expected].sort());
  });

  it('routes an action with several targets through an exclusive gateway with a labelled, conditioned flow per target', () => {
    for (const action of definition.actions.filter((a) => a.to.length > 1)) {
      const afterTask = `Result_${action.id}`;
      expect(outgoingFlows(`Task_${action.id}`).map((f) => f.targetRef)).toEqual([afterTask]);
      expect(node(afterTask)).toMatchObject({ type: 'bpmn:ExclusiveGateway', name: expect.any(String) });
      const out = outgoingFlows(afterTask);
      expect(out.map((f) => f.name).sort()).toEqual(
        action.to.map((to) => definition.states.find((s) => s.id === to)?.label).sort(),
      );
      for (const f of out) expect(f.condition).toMatch(/nextState == "/);
    }
  });

  it('chooses between a state’s actions at an exclusive gateway with one labelled flow per action', () => {
    for (const state of definition.states.filter((s) => !s.terminal)) {
      const moves = definition.actions.filter((a) => a.from.includes(state.id) && a.to.length > 0);
      if (moves.length < 2) continue;
      const out = outgoingFlows(`Choice_${state.id}`);
      expect(out.map((f) => f.name).sort()).toEqual(moves.map((a) => a.label).sort());
      for (const f of out) expect(f.condition).toMatch(/action == "/);
    }
  });

  it('exports the actions that keep the state as non-interrupting message events on each state they are allowed in', () => {
    const stays = definition.actions.filter((a) => a.to.length === 0);
    expect(stays.map((a) => a.id)).toEqual(
      expect.arrayContaining(['reportProgress', 'requestExtension', 'recordConsultation']),
    );
    for (const action of stays) {
      for (const from of action.from) {
        const boundary = node(`On_${from}_${action.id}`);
        expect(boundary).toMatchObject({
          type: 'bpmn:BoundaryEvent',
          attachedToRef: `State_${from}`,
          cancelActivity: false,
          eventDefinitions: [
            expect.objectContaining({
              type: 'bpmn:MessageEventDefinition',
              messageRef: `Message_${action.id}`,
            }),
          ],
        });
        expect(reached(boundary.id)).toEqual([`Task_${action.id}`]);
      }
      expect(reached(`Task_${action.id}`)).toEqual([`Done_${action.id}`]);
      expect(node(`Done_${action.id}`).type).toBe('bpmn:EndEvent');
    }
  });

  it('exports a timer boundary event on every state timer: the policy duration, or the plan’s own time limit', () => {
    const timers = definition.states.flatMap((s) => s.timers.map((t) => ({ state: s, timer: t })));
    expect(timers.length).toBeGreaterThan(0);
    for (const { state, timer } of timers) {
      const boundary = node(`Timer_${state.id}_${timer.kind}`);
      const value = definition.policy[timer.policy];
      expect(boundary.type).toBe('bpmn:BoundaryEvent');
      expect(boundary.attachedToRef).toBe(waitPoint(state));
      expect(boundary.cancelActivity).toBe(timer.effect === 'transition');
      expect(boundary.eventDefinitions).toHaveLength(1);
      const [timerDefinition] = boundary.eventDefinitions;
      expect(timerDefinition.type).toBe('bpmn:TimerEventDefinition');
      if (timer.effect === 'reminder') expect(timerDefinition.timeCycle).toBe(`R/P${value}D`);
      else if (timer.dueFrom) expect(timerDefinition.timeDate).toBe(`\${workingDays(${timer.dueFrom}, 0)}`);
      else expect(timerDefinition.timeDuration).toBe(`P${value}D`);
      expect(boundary.documentation).toContain(timer.dueFrom ?? timer.policy);
      for (const rule of timer.rules) expect(boundary.documentation).toContain(rule);
      if (timer.policy.endsWith('WorkingDays')) expect(boundary.documentation).toContain('工作日');
    }
  });

  it('exports an escalation path through the four ladder steps from every deadline state', () => {
    expect(check.rootElements.filter((e) => e.type === 'bpmn:Escalation')).toEqual(
      ESCALATION_STEPS.map((step) => ({
        id: `Escalation_${step.id}`,
        type: 'bpmn:Escalation',
        name: step.label,
        escalationCode: step.id,
      })),
    );
    /** The escalations thrown along the (single) path from a boundary event, in order. */
    const thrown = (from: string) => {
      const refs: string[] = [];
      for (let at = reached(from); at.length === 1; at = reached(at[0])) {
        const e = node(at[0]);
        expect(['bpmn:IntermediateThrowEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:EndEvent']).toContain(
          e.type,
        );
        for (const d of e.eventDefinitions) if (d.escalationRef) refs.push(d.escalationRef);
      }
      return refs;
    };
    const ladders = definition.states.flatMap((s) =>
      s.timers.filter((t) => t.effect === 'escalation_ladder').map((t) => ({ state: s, timer: t })),
    );
    expect(ladders.map((l) => l.state.id)).toEqual(
      expect.arrayContaining([
        'reported',
        'transferred',
        'accepted',
        'fix_confirmation',
        'rectifying',
        'awaiting_acceptance',
      ]),
    );
    for (const { state, timer } of ladders) {
      const base = `Timer_${state.id}_${timer.kind}`;
      const steps = boundariesOf(waitPoint(state))
        .filter((b) => b.id === base || b.id === `${base}_before`)
        .sort((a, b) => (a.id === base ? 1 : 0) - (b.id === base ? 1 : 0))
        .flatMap((b) => thrown(b.id));
      expect(steps).toEqual(ESCALATION_STEPS.map((step) => `Escalation_${step.id}`));
    }
  });

  it('exports the ladder’s offsets from the deadline in working days, as the policy sets them', () => {
    const p = DEFAULT_DEADLINE_POLICY;
    const plan = definition.policy.planDueWorkingDays;
    const durationOf = (id: string) => node(id).eventDefinitions[0].timeDuration;
    expect(durationOf('Timer_accepted_plan_before')).toBe(
      `P${Math.max(0, plan - p.reminderWorkingDaysBefore)}D`,
    );
    expect(durationOf('Timer_accepted_plan')).toBe(`P${plan}D`);
    expect(durationOf('Wait_accepted_plan_county_supervision')).toBe(
      `P${p.countySupervisionAfterWorkingDays}D`,
    );
    expect(durationOf('Wait_accepted_plan_chief')).toBe(
      `P${p.chiefEscalationAfterWorkingDays - p.countySupervisionAfterWorkingDays}D`,
    );
  });

  it('exports the joint investigation as a call activity calling jointInvestigation', () => {
    const calls = check.flowElements.filter((e) => e.type === 'bpmn:CallActivity');
    expect(calls).toEqual([
      expect.objectContaining({
        id: 'State_joint_investigation',
        calledElement: 'jointInvestigation',
        name: '联合调查',
      }),
    ]);
  });

  it('exports the public-notice period as an interrupting timer that moves the issue to awaiting sign-off', () => {
    const timer = node('Timer_public_notice_public_notice_period');
    expect(timer).toMatchObject({ attachedToRef: 'State_public_notice', cancelActivity: true });
    expect(timer.eventDefinitions[0].timeDuration).toBe(`P${definition.policy.publicNoticeWorkingDays}D`);
    expect(reached(timer.id)).toEqual(['State_awaiting_signoff']);
  });

  it('escapes XML special characters in names and documentation', async () => {
    const tricky: ProcessDefinition = {
      ...definition,
      name: `A & B <"问题"> 'x'`,
      states: definition.states.map((s) =>
        s.id === 'reported' ? { ...s, label: `<已上报> & "台账" 'L2'` } : s,
      ),
    };
    const parsed = await checkBpmn(exportBpmn(tricky));
    expect(parsed.warnings).toEqual([]);
    expect(parsed.processes[0].name).toBe(`A & B <"问题"> 'x'`);
    expect(parsed.flowElements.find((e) => e.id === 'State_reported')?.name).toBe(`<已上报> & "台账" 'L2'`);
  });
});
