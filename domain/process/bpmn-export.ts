/**
 * BPMN 2.0 export (BPMN 导出) of a process definition, with diagram layout (BPMNDI), for bpmn.io / Camunda Modeler.
 *
 * Pure string code so it stays usable from domain/: no I/O, no XML library. The mapping:
 * - each state is a wait point: a receive task (等待办理) named after the state, a call activity where the state
 *   runs a child process, a plain intermediate event (a milestone) where nothing can happen in it, or an end
 *   event for a terminal state; a joining exclusive gateway in front of it when several flows lead into it;
 * - each action is a user task; an exclusive gateway after the wait point picks the state-changing action, and
 *   one after the task picks the target when the action has several;
 * - an action that keeps the state (`to` empty) hangs off each wait point it is allowed in as a non-interrupting
 *   message boundary event, so the state's wait and its timers carry on;
 * - each state timer is a timer boundary event; an escalation ladder (督办, L10) runs a chain of escalation throw
 *   events, one per ESCALATION_STEPS step, with timer catch events between them; a 'transition' timer interrupts.
 * Durations are ISO 8601 (`P5D`), counted in working days on the official calendar (L9) where the policy value
 * is in working days.
 */
import {
  ESCALATION_STEPS,
  PARTY_LABELS,
  type ActionDefinition,
  type DeadlinePolicy,
  type ProcessDefinition,
  type StateDefinition,
  type TimerDefinition,
} from './issue-process.definition';

type EventDefinition =
  | { type: 'timer'; duration?: string; cycle?: string; date?: string }
  | { type: 'escalation'; ref: string }
  | { type: 'message'; ref: string };

type NodeType =
  | 'startEvent'
  | 'endEvent'
  | 'userTask'
  | 'receiveTask'
  | 'callActivity'
  | 'exclusiveGateway'
  | 'intermediateThrowEvent'
  | 'intermediateCatchEvent'
  | 'boundaryEvent';

interface FlowNode {
  id: string;
  type: NodeType;
  name: string;
  documentation?: string;
  eventDefinition?: EventDefinition;
  /** Boundary events: the activity they sit on, and whether they interrupt it. */
  attachedTo?: string;
  cancelActivity?: boolean;
  calledElement?: string;
}

interface SequenceFlow {
  id: string;
  source: string;
  target: string;
  /** Only on flows leaving a forking gateway (bpmnlint flags other labels as superfluous). */
  name?: string;
  condition?: string;
}

interface RootElement {
  id: string;
  type: 'message' | 'escalation';
  name: string;
  escalationCode?: string;
}

interface BpmnModel {
  nodes: FlowNode[];
  flows: SequenceFlow[];
  roots: RootElement[];
}

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Point {
  x: number;
  y: number;
}

type StepId = (typeof ESCALATION_STEPS)[number]['id'];

/** Each ladder step's offset from the deadline in working days (negative: before it), per the policy (L10). */
const STEP_OFFSET: Record<StepId, (policy: DeadlinePolicy) => number> = {
  reminder: (p) => -p.reminderWorkingDaysBefore,
  overdue: () => 0,
  county_supervision: (p) => p.countySupervisionAfterWorkingDays,
  chief: (p) => p.chiefEscalationAfterWorkingDays,
};

const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/** Exports the definition as a BPMN 2.0 XML document with one process and its diagram. */
export function exportBpmn(definition: ProcessDefinition): string {
  const model = buildModel(definition);
  const layout = layOut(model);
  return serialize(definition, model, layout);
}

// ---------------------------------------------------------------------------------------------------------------
// The graph

/** A flow's target before joins are placed: a node id, or the entry of a state or action (`state:x`, `action:x`). */
interface PendingFlow {
  source: string;
  target: string;
  name?: string;
  condition?: string;
}

function buildModel(definition: ProcessDefinition): BpmnModel {
  const nodes: FlowNode[] = [];
  const pending: PendingFlow[] = [];
  const roots: RootElement[] = [];
  const policy = definition.policy;
  const add = (node: FlowNode) => {
    nodes.push(node);
    return node.id;
  };
  const link = (source: string, target: string, name?: string, condition?: string) =>
    pending.push({ source, target, name, condition });

  const stateById = new Map(definition.states.map((s) => [s.id, s]));
  const labelOf = (stateId: string) => stateById.get(stateId as StateDefinition['id'])?.label ?? stateId;
  const isStay = (a: ActionDefinition) => a.to.length === 0;
  const allowedIn = (s: StateDefinition) => definition.actions.filter((a) => a.from.includes(s.id));
  const terminals = definition.states.filter((s) => s.terminal);

  for (const step of ESCALATION_STEPS) {
    roots.push({
      id: `Escalation_${ncName(step.id)}`,
      type: 'escalation',
      name: step.label,
      escalationCode: step.id,
    });
  }

  const initial = stateById.get(definition.initial);
  add({
    id: `Start_${ncName(definition.initial)}`,
    type: 'startEvent',
    name: '问题发现/上报',
    documentation: `问题发现或接到举报、交办后上报，进入「${initial?.label ?? definition.initial}」。`,
  });
  link(`Start_${ncName(definition.initial)}`, `state:${definition.initial}`);

  // The wait point of each state, its exits and its boundary events.
  const waitIds = new Map<string, string>();
  for (const state of definition.states) {
    const sid = ncName(state.id);
    if (state.terminal) {
      waitIds.set(
        state.id,
        add({ id: `End_${sid}`, type: 'endEvent', name: state.label, documentation: `终止状态 ${state.id}` }),
      );
      continue;
    }
    const actions = allowedIn(state);
    const moves = actions.filter((a) => !isStay(a));
    const stays = actions.filter(isStay);
    const idle = !state.callActivity && actions.length === 0 && state.timers.length === 0;
    const docs = [`状态 ${state.id}`];
    if (moves.length > 0) docs.push(`可办理：${moves.map((a) => `${a.label}（${a.id}）`).join('、')}`);
    if (stays.length > 0)
      docs.push(`不改变状态的办理事项：${stays.map((a) => `${a.label}（${a.id}）`).join('、')}`);
    const waitId = add(
      state.callActivity
        ? {
            id: `State_${sid}`,
            type: 'callActivity',
            name: state.label,
            calledElement: state.callActivity,
            documentation: `${docs.join('；')}；由子流程 ${state.callActivity} 执行`,
          }
        : idle
          ? {
              // Nothing can happen in it: a milestone the flow passes through.
              id: `State_${sid}`,
              type: 'intermediateThrowEvent',
              name: state.label,
              documentation: `${docs.join('；')}；定义中没有离开该状态的办理事项或计时器，直接进入终止状态`,
            }
          : {
              id: `State_${sid}`,
              type: 'receiveTask',
              name: state.label,
              documentation: `${docs.join('；')}；等待办理请求`,
            },
    );
    waitIds.set(state.id, waitId);

    // Leaving the state: a choice between the state-changing actions.
    if (moves.length === 1) {
      link(waitId, `action:${moves[0].id}`);
    } else if (moves.length > 1) {
      const choice = add({
        id: `Choice_${sid}`,
        type: 'exclusiveGateway',
        name: `「${state.label}」办理什么？`,
      });
      link(waitId, choice);
      for (const a of moves) link(choice, `action:${a.id}`, a.label, `\${action == "${a.id}"}`);
    } else if (idle) {
      if (terminals.length !== 1) {
        throw new Error(`state ${state.id} has no way out and the process has no single terminal state`);
      }
      link(waitId, `state:${terminals[0].id}`);
    }

    // Actions that keep the state: non-interrupting message boundary events.
    for (const a of stays) {
      const id = add({
        id: `On_${sid}_${ncName(a.id)}`,
        type: 'boundaryEvent',
        name: a.label,
        attachedTo: waitId,
        cancelActivity: false,
        eventDefinition: { type: 'message', ref: `Message_${ncName(a.id)}` },
        documentation: `在「${state.label}」中${a.label}（${a.id}），状态不变`,
      });
      link(id, `action:${a.id}`);
    }

    for (const timer of state.timers) addTimer(state, waitId, timer);
  }

  function addTimer(state: StateDefinition, host: string, timer: TimerDefinition) {
    const base = `${ncName(state.id)}_${ncName(timer.kind)}`;
    const value = policy[timer.policy];
    const working = timer.policy.endsWith('WorkingDays');
    const unit = working ? '个工作日' : '天';
    const policyDoc = timer.dueFrom
      ? `期限取自 ${timer.dueFrom}（五定工作表的整改时限；延期获批后顺延，L8），提醒与督办按工作日计（L9）`
      : `${timer.policy} = ${value}${working ? '个工作日（按国家法定工作日历计，含调休，Asia/Shanghai，L9）' : '天（自然日）'}`;
    const rules = `规则 ${timer.rules.join('、')}`;
    if (timer.effect === 'transition') {
      if (!timer.to) throw new Error(`timer ${timer.kind} of state ${state.id} leads nowhere`);
      const id = add({
        id: `Timer_${base}`,
        type: 'boundaryEvent',
        name: `${timer.label}（${value}${unit}）`,
        attachedTo: host,
        cancelActivity: true,
        eventDefinition: { type: 'timer', duration: `P${value}D` },
        documentation: `${rules}；${policyDoc}；期满进入「${labelOf(timer.to)}」`,
      });
      link(id, `state:${timer.to}`);
      return;
    }
    if (timer.effect === 'reminder') {
      const id = add({
        id: `Timer_${base}`,
        type: 'boundaryEvent',
        name: `${timer.label}（每${value}${unit}）`,
        attachedTo: host,
        cancelActivity: false,
        eventDefinition: { type: 'timer', cycle: `R/P${value}D` },
        documentation: `${rules}；${policyDoc}；在「${state.label}」期间循环提醒`,
      });
      const end = add({ id: `End_${base}`, type: 'endEvent', name: `已提醒：${timer.label}` });
      link(id, end);
      return;
    }
    // The escalation ladder: steps before the deadline hang off one timer, the rest off the deadline timer.
    const steps = ESCALATION_STEPS.map((step) => ({ step, offset: STEP_OFFSET[step.id](policy) }));
    const before = steps.filter((s) => s.offset < 0);
    const after = steps.filter((s) => s.offset >= 0);
    const stopDoc = '离开该状态即不再提醒或督办';
    const chain = (
      suffix: string,
      boundaryName: string,
      boundaryDoc: string,
      group: typeof steps,
      start: number,
      endName: string,
    ) => {
      let previous = add({
        id: `Timer_${base}${suffix}`,
        type: 'boundaryEvent',
        name: boundaryName,
        attachedTo: host,
        cancelActivity: false,
        eventDefinition: timer.dueFrom
          ? { type: 'timer', date: `\${workingDays(${timer.dueFrom}, ${start})}` }
          : { type: 'timer', duration: `P${Math.max(0, value + start)}D` },
        documentation: `${rules}；${policyDoc}；${boundaryDoc}；${stopDoc}`,
      });
      let at = start;
      for (const { step, offset } of group) {
        if (offset > at) {
          const wait = add({
            id: `Wait_${base}_${ncName(step.id)}`,
            type: 'intermediateCatchEvent',
            name: offset > 0 ? `逾期${offset}个工作日` : '到期',
            eventDefinition: { type: 'timer', duration: `P${offset - at}D` },
            documentation: `再过 ${offset - at} 个工作日（L9、L10）`,
          });
          link(previous, wait);
          previous = wait;
          at = offset;
        }
        const escalate = add({
          id: `Escalate_${base}_${ncName(step.id)}`,
          type: 'intermediateThrowEvent',
          name: step.label,
          eventDefinition: { type: 'escalation', ref: `Escalation_${ncName(step.id)}` },
          documentation: `督办第 ${step.level} 级（${step.id}，${step.rules.join('、')}），记入台账`,
        });
        link(previous, escalate);
        previous = escalate;
      }
      const end = add({ id: `End_${base}${suffix}`, type: 'endEvent', name: endName });
      link(previous, end);
    };
    const limit = timer.dueFrom ? '五定工作表所定整改时限' : `${value} 个工作日`;
    if (before.length > 0) {
      const lead = -before[0].offset;
      chain(
        '_before',
        `${timer.label}：到期前${lead}个工作日`,
        `时限：${limit}，到期前 ${lead} 个工作日触发（时限不足则进入状态即触发）`,
        before,
        before[0].offset,
        '已提醒',
      );
    }
    if (after.length > 0) {
      chain(
        '',
        timer.dueFrom ? timer.label : `${timer.label}（${value}${unit}）`,
        `时限：${limit}，到期触发`,
        after,
        0,
        '督办完毕',
      );
    }
  }

  // Each action: a user task, a joining gateway when several states lead to it, and its way on.
  for (const a of definition.actions) {
    const aid = ncName(a.id);
    const parties = a.parties.map((p) => `${PARTY_LABELS[p]}（${p}）`).join('、');
    const task = add({
      id: `Task_${aid}`,
      type: 'userTask',
      name: a.label,
      documentation:
        `${a.id}；规则 ${a.rules.join('、')}；办理方：${parties}；` +
        `可在：${a.from.map(labelOf).join('、')}；` +
        (isStay(a) ? '状态不变' : `进入：${a.to.map(labelOf).join('、')}`),
    });
    if (isStay(a)) {
      roots.push({ id: `Message_${aid}`, type: 'message', name: `办理请求：${a.label}` });
      link(task, add({ id: `Done_${aid}`, type: 'endEvent', name: `${a.label}已记录（状态不变）` }));
    } else if (a.to.length === 1) {
      link(task, `state:${a.to[0]}`);
    } else {
      const result = add({ id: `Result_${aid}`, type: 'exclusiveGateway', name: `${a.label}结果？` });
      link(task, result);
      for (const to of a.to) link(result, `state:${to}`, labelOf(to), `\${nextState == "${to}"}`);
    }
  }

  // Place joins: every state or action entry reached by several flows gets a joining gateway.
  const entryOf = (target: string) => {
    const [kind, id] = target.split(':');
    if (kind === 'state') {
      const wait = waitIds.get(id);
      if (!wait) throw new Error(`unknown state ${id}`);
      return { node: wait, join: `Join_${ncName(id)}` };
    }
    if (kind === 'action') return { node: `Task_${ncName(id)}`, join: `Merge_${ncName(id)}` };
    return { node: target, join: undefined };
  };
  const flows: SequenceFlow[] = [];
  const seen = new Set<string>();
  const flow = (source: string, target: string, name?: string, condition?: string) => {
    const id = `Flow_${source}_to_${target}`;
    if (seen.has(id)) throw new Error(`duplicate sequence flow from ${source} to ${target}`);
    seen.add(id);
    flows.push({ id, source, target, name, condition });
  };
  const byTarget = new Map<string, PendingFlow[]>();
  for (const p of pending) byTarget.set(p.target, [...(byTarget.get(p.target) ?? []), p]);
  for (const [target, group] of byTarget) {
    const { node, join } = entryOf(target);
    if (group.length > 1 && join) {
      add({ id: join, type: 'exclusiveGateway', name: '' });
      for (const p of group) flow(p.source, join, p.name, p.condition);
      flow(join, node);
    } else {
      for (const p of group) flow(p.source, node, p.name, p.condition);
    }
  }
  const order = new Map(nodes.map((n, i) => [n.id, i]));
  flows.sort((x, y) => (order.get(x.source) ?? 0) - (order.get(y.source) ?? 0));
  return { nodes, flows, roots };
}

// ---------------------------------------------------------------------------------------------------------------
// The layout: columns by BFS depth from the start event, rows ordered by where the predecessors are.

const ROW_HEIGHT = 150;
const COLUMN_GAP = 90;
const MARGIN = 60;
const BOUNDARY_SIZE = 36;
const BOUNDARY_STEP = 48;

interface Layout {
  shapes: Map<string, Bounds>;
  edges: Map<string, Point[]>;
}

function sizeOf(node: FlowNode, boundaries: number): { width: number; height: number } {
  switch (node.type) {
    case 'userTask':
    case 'receiveTask':
    case 'callActivity':
      return { width: Math.max(120, 24 + boundaries * BOUNDARY_STEP), height: 80 };
    case 'exclusiveGateway':
      return { width: 50, height: 50 };
    default:
      return { width: 36, height: 36 };
  }
}

function layOut(model: BpmnModel): Layout {
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const boundariesOf = new Map<string, FlowNode[]>();
  for (const n of model.nodes) {
    if (n.attachedTo) boundariesOf.set(n.attachedTo, [...(boundariesOf.get(n.attachedTo) ?? []), n]);
  }
  // A boundary event stands in for its host in the layering.
  const anchor = (id: string) => byId.get(id)?.attachedTo ?? id;
  const outgoing = new Map<string, string[]>();
  const incoming = new Map<string, string[]>();
  for (const f of model.flows) {
    const from = anchor(f.source);
    outgoing.set(from, [...(outgoing.get(from) ?? []), f.target]);
    incoming.set(f.target, [...(incoming.get(f.target) ?? []), from]);
  }

  // Columns: longest path from the start event once the loops' back edges (found depth-first) are set aside.
  const placed = model.nodes.filter((n) => !n.attachedTo);
  const back = new Set<string>();
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (id: string) => {
    visiting.add(id);
    for (const next of outgoing.get(id) ?? []) {
      if (visiting.has(next)) back.add(`${id}>${next}`);
      else if (!done.has(next)) visit(next);
    }
    visiting.delete(id);
    done.add(id);
  };
  for (const n of placed) if (n.type === 'startEvent') visit(n.id);
  const depth = new Map<string, number>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const preds = (incoming.get(id) ?? []).filter((p) => !back.has(`${p}>${id}`) && done.has(p));
    const d = preds.length === 0 ? 0 : Math.max(...preds.map(depthOf)) + 1;
    depth.set(id, d);
    return d;
  };
  for (const n of placed) if (done.has(n.id)) depthOf(n.id);
  const deepest = Math.max(0, ...depth.values());
  for (const n of placed) if (!depth.has(n.id)) depth.set(n.id, deepest + 1);

  const columns: FlowNode[][] = [];
  for (const n of placed) {
    const c = depth.get(n.id) ?? 0;
    (columns[c] ??= []).push(n);
  }
  const row = new Map<string, number>();
  const creation = new Map(model.nodes.map((n, i) => [n.id, i]));
  for (const column of columns) {
    if (!column) continue;
    const wish = (n: FlowNode) => {
      const rows = (incoming.get(n.id) ?? []).map((p) => row.get(p)).filter((r) => r !== undefined);
      return rows.length > 0 ? rows.reduce((s, r) => s + r, 0) / rows.length : Number.MAX_SAFE_INTEGER;
    };
    const sorted = column
      .map((n) => ({ n, wish: wish(n) }))
      .sort((a, b) => a.wish - b.wish || (creation.get(a.n.id) ?? 0) - (creation.get(b.n.id) ?? 0));
    let last = -1;
    for (const { n, wish: w } of sorted) {
      const r = Math.max(last + 1, w === Number.MAX_SAFE_INTEGER ? 0 : Math.round(w));
      row.set(n.id, r);
      last = r;
    }
  }

  const sizes = new Map(placed.map((n) => [n.id, sizeOf(n, boundariesOf.get(n.id)?.length ?? 0)]));
  const columnX: number[] = [];
  const columnWidth: number[] = [];
  let x = MARGIN;
  for (let c = 0; c < columns.length; c++) {
    const width = Math.max(36, ...(columns[c] ?? []).map((n) => sizes.get(n.id)?.width ?? 0));
    columnX.push(x);
    columnWidth.push(width);
    x += width + COLUMN_GAP;
  }

  const shapes = new Map<string, Bounds>();
  for (const n of placed) {
    const c = depth.get(n.id) ?? 0;
    const size = sizes.get(n.id) ?? { width: 36, height: 36 };
    const top = MARGIN + (row.get(n.id) ?? 0) * ROW_HEIGHT;
    shapes.set(n.id, {
      x: columnX[c] + Math.round((columnWidth[c] - size.width) / 2),
      y: top + Math.round((ROW_HEIGHT - 40 - size.height) / 2),
      ...size,
    });
  }
  for (const [host, boundaries] of boundariesOf) {
    const h = shapes.get(host);
    if (!h) continue;
    boundaries.forEach((b, i) => {
      shapes.set(b.id, {
        x: h.x + 12 + i * BOUNDARY_STEP,
        y: h.y + h.height - BOUNDARY_SIZE / 2,
        width: BOUNDARY_SIZE,
        height: BOUNDARY_SIZE,
      });
    });
  }

  // Edges run orthogonally in the free channels: vertical segments in the gaps between columns, horizontal ones
  // along the corridor above a row (or straight along a row when no shape stands in between).
  const cell = (id: string) => {
    const at = byId.get(id)?.attachedTo ?? id;
    return { col: depth.get(at) ?? 0, row: row.get(at) ?? 0 };
  };
  const occupied = new Set(placed.map((n) => `${depth.get(n.id)}:${row.get(n.id)}`));
  const gapAfter = (c: number) => columnX[c] + columnWidth[c] + COLUMN_GAP / 2;
  const corridor = (r: number) => MARGIN + r * ROW_HEIGHT + 6;
  const edges = new Map<string, Point[]>();
  model.flows.forEach((f, i) => {
    const s = shapes.get(f.source);
    const t = shapes.get(f.target);
    if (!s || !t) throw new Error(`flow ${f.id} has no shape at one end`);
    const from = cell(f.source);
    const to = cell(f.target);
    const entry = { x: t.x, y: t.y + t.height / 2 };
    const lane = (i % 5) * 3;
    const before = gapAfter(to.col - 1) + lane - 6;
    let points: Point[];
    if (byId.get(f.source)?.attachedTo) {
      // Down from the boundary event into the corridor under its host's row, then across.
      const start = { x: s.x + s.width / 2, y: s.y + s.height };
      const under = corridor(from.row + 1) + lane;
      points =
        to.col === from.col + 1 && to.row > from.row
          ? [start, { x: start.x, y: entry.y }, entry]
          : [start, { x: start.x, y: under }, { x: before, y: under }, { x: before, y: entry.y }, entry];
    } else {
      const start = { x: s.x + s.width, y: s.y + s.height / 2 };
      const after = gapAfter(from.col) + lane - 6;
      const clear = () => {
        for (let c = from.col + 1; c < to.col; c++) if (occupied.has(`${c}:${from.row}`)) return false;
        return true;
      };
      if (to.col > from.col && from.row === to.row && clear()) {
        points = [start, entry];
      } else if (to.col === from.col + 1) {
        points = [start, { x: after, y: start.y }, { x: after, y: entry.y }, entry];
      } else {
        const along =
          corridor(to.col > from.col ? Math.max(from.row, to.row) : Math.min(from.row, to.row)) + lane;
        points = [
          start,
          { x: after, y: start.y },
          { x: after, y: along },
          { x: before, y: along },
          { x: before, y: entry.y },
          entry,
        ];
      }
    }
    edges.set(f.id, points);
  });
  return { shapes, edges };
}

// ---------------------------------------------------------------------------------------------------------------
// The XML

function serialize(definition: ProcessDefinition, model: BpmnModel, layout: Layout): string {
  const processId = ncName(definition.id);
  const out: string[] = [];
  const line = (depth: number, text: string) => out.push(`${'  '.repeat(depth)}${text}`);
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const f of model.flows) {
    outgoing.set(f.source, [...(outgoing.get(f.source) ?? []), f.id]);
    incoming.set(f.target, [...(incoming.get(f.target) ?? []), f.id]);
  }

  line(0, '<?xml version="1.0" encoding="UTF-8"?>');
  line(
    0,
    `<bpmn:definitions xmlns:bpmn="${BPMN_NS}" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"` +
      ' xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"' +
      ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ` id="Definitions_${processId}" targetNamespace="https://eco-grid.local/bpmn/${attr(definition.id)}"` +
      ` exporter="eco-grid" exporterVersion="${attr(definition.version)}">`,
  );
  for (const r of model.roots) {
    const code = r.escalationCode === undefined ? '' : ` escalationCode="${attr(r.escalationCode)}"`;
    line(1, `<bpmn:${r.type} id="${r.id}" name="${attr(r.name)}"${code} />`);
  }
  line(1, `<bpmn:process id="${processId}" name="${attr(definition.name)}" isExecutable="true">`);
  line(
    2,
    `<bpmn:documentation>${text(`${definition.name}：流程定义 ${definition.id}，版本 ${definition.version}。计时器时长按 ISO 8601 书写（如 P5D），以“个工作日”为单位的按国家法定工作日历计（L9）。`)}</bpmn:documentation>`,
  );
  for (const n of model.nodes) {
    const attrs = [`id="${n.id}"`];
    if (n.name) attrs.push(`name="${attr(n.name)}"`);
    if (n.attachedTo)
      attrs.push(`attachedToRef="${n.attachedTo}"`, `cancelActivity="${String(n.cancelActivity)}"`);
    if (n.calledElement) attrs.push(`calledElement="${attr(n.calledElement)}"`);
    line(2, `<bpmn:${n.type} ${attrs.join(' ')}>`);
    if (n.documentation) line(3, `<bpmn:documentation>${text(n.documentation)}</bpmn:documentation>`);
    for (const id of incoming.get(n.id) ?? []) line(3, `<bpmn:incoming>${id}</bpmn:incoming>`);
    for (const id of outgoing.get(n.id) ?? []) line(3, `<bpmn:outgoing>${id}</bpmn:outgoing>`);
    const e = n.eventDefinition;
    if (e?.type === 'timer') {
      line(3, `<bpmn:timerEventDefinition id="${n.id}_timer">`);
      if (e.duration)
        line(
          4,
          `<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${text(e.duration)}</bpmn:timeDuration>`,
        );
      if (e.date) line(4, `<bpmn:timeDate xsi:type="bpmn:tFormalExpression">${text(e.date)}</bpmn:timeDate>`);
      if (e.cycle)
        line(4, `<bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${text(e.cycle)}</bpmn:timeCycle>`);
      line(3, '</bpmn:timerEventDefinition>');
    } else if (e?.type === 'escalation') {
      line(3, `<bpmn:escalationEventDefinition id="${n.id}_escalation" escalationRef="${e.ref}" />`);
    } else if (e?.type === 'message') {
      line(3, `<bpmn:messageEventDefinition id="${n.id}_message" messageRef="${e.ref}" />`);
    }
    line(2, `</bpmn:${n.type}>`);
  }
  for (const f of model.flows) {
    const name = f.name ? ` name="${attr(f.name)}"` : '';
    const head = `<bpmn:sequenceFlow id="${f.id}"${name} sourceRef="${f.source}" targetRef="${f.target}"`;
    if (f.condition === undefined) {
      line(2, `${head} />`);
    } else {
      line(2, `${head}>`);
      line(
        3,
        `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${text(f.condition)}</bpmn:conditionExpression>`,
      );
      line(2, '</bpmn:sequenceFlow>');
    }
  }
  line(1, '</bpmn:process>');

  line(1, `<bpmndi:BPMNDiagram id="BPMNDiagram_${processId}">`);
  line(2, `<bpmndi:BPMNPlane id="BPMNPlane_${processId}" bpmnElement="${processId}">`);
  for (const n of model.nodes) {
    const b = layout.shapes.get(n.id);
    if (!b) throw new Error(`no shape for ${n.id}`);
    const marker = n.type === 'exclusiveGateway' ? ' isMarkerVisible="true"' : '';
    line(3, `<bpmndi:BPMNShape id="${n.id}_di" bpmnElement="${n.id}"${marker}>`);
    line(4, `<dc:Bounds x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" />`);
    line(3, '</bpmndi:BPMNShape>');
  }
  for (const f of model.flows) {
    line(3, `<bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}">`);
    for (const p of layout.edges.get(f.id) ?? []) line(4, `<di:waypoint x="${p.x}" y="${p.y}" />`);
    line(3, '</bpmndi:BPMNEdge>');
  }
  line(2, '</bpmndi:BPMNPlane>');
  line(1, '</bpmndi:BPMNDiagram>');
  line(0, '</bpmn:definitions>');
  return `${out.join('\n')}\n`;
}

/** A valid XML NCName from an id: letters, digits, `_`, `-`, `.`, not starting with a digit, `-` or `.`. */
function ncName(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** Characters XML 1.0 forbids outright (control characters other than tab, newline, carriage return). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function text(value: string): string {
  return value.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
