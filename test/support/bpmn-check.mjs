// Parses BPMN XML from stdin with bpmn-moddle and lints it with bpmnlint's recommended rules, printing a JSON
// summary. A separate Node process because bpmn-moddle is ESM-only and Jest here runs CommonJS.
import { BpmnModdle } from 'bpmn-moddle';
import bpmnlint from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver.js';

const { Linter } = bpmnlint;

async function readStdin() {
  process.stdin.setEncoding('utf8');
  let xml = '';
  for await (const chunk of process.stdin) xml += chunk;
  return xml;
}

/** The plain facts the tests assert on, from one moddle element. */
function describe(element) {
  const definitions = element.eventDefinitions ?? [];
  return {
    id: element.id,
    type: element.$type,
    name: element.name ?? null,
    documentation: (element.documentation ?? []).map((d) => d.text).join('\n') || null,
    attachedToRef: element.attachedToRef?.id ?? null,
    cancelActivity: element.$type === 'bpmn:BoundaryEvent' ? element.cancelActivity !== false : null,
    calledElement: element.calledElement ?? null,
    sourceRef: element.sourceRef?.id ?? null,
    targetRef: element.targetRef?.id ?? null,
    condition: element.conditionExpression?.body ?? null,
    incoming: (element.incoming ?? []).map((f) => f.id),
    outgoing: (element.outgoing ?? []).map((f) => f.id),
    eventDefinitions: definitions.map((d) => ({
      type: d.$type,
      escalationRef: d.escalationRef?.id ?? null,
      messageRef: d.messageRef?.id ?? null,
      timeDuration: d.timeDuration?.body ?? null,
      timeCycle: d.timeCycle?.body ?? null,
      timeDate: d.timeDate?.body ?? null,
    })),
  };
}

const xml = await readStdin();
const moddle = new BpmnModdle();
const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
const linter = new Linter({ config: { extends: 'bpmnlint:recommended' }, resolver: new NodeResolver() });
const results = await linter.lint(rootElement);

const processes = rootElement.rootElements.filter((e) => e.$type === 'bpmn:Process');
const planeElements = rootElement.diagrams.flatMap((d) => d.plane?.planeElement ?? []);
const summary = {
  warnings: warnings.map((w) => w.message),
  processes: processes.map((p) => ({
    id: p.id,
    name: p.name ?? null,
    isExecutable: p.isExecutable ?? null,
    documentation: (p.documentation ?? []).map((d) => d.text).join('\n') || null,
  })),
  rootElements: rootElement.rootElements
    .filter((e) => e.$type !== 'bpmn:Process')
    .map((e) => ({
      id: e.id,
      type: e.$type,
      name: e.name ?? null,
      escalationCode: e.escalationCode ?? null,
    })),
  flowElements: processes.flatMap((p) => (p.flowElements ?? []).map(describe)),
  shapes: planeElements
    .filter((e) => e.$type === 'bpmndi:BPMNShape')
    .map((e) => ({
      bpmnElement: e.bpmnElement?.id ?? null,
      bounds: e.bounds
        ? { x: e.bounds.x, y: e.bounds.y, width: e.bounds.width, height: e.bounds.height }
        : null,
    })),
  edges: planeElements
    .filter((e) => e.$type === 'bpmndi:BPMNEdge')
    .map((e) => ({ bpmnElement: e.bpmnElement?.id ?? null, waypoints: (e.waypoint ?? []).length })),
  lint: Object.entries(results).flatMap(([rule, reports]) =>
    reports.map((r) => ({ rule, id: r.id ?? null, message: r.message, category: r.category })),
  ),
};
process.stdout.write(JSON.stringify(summary));
