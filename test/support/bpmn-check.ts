// The test side of bpmn-check.mjs: runs it on a document and types what it reports.
import { execFile } from 'node:child_process';
import path from 'node:path';

/** What bpmn-check.mjs reports about one BPMN document: the parsed model's facts and the lint findings. */
export interface BpmnCheck {
  /** bpmn-moddle's import warnings (unknown elements, unresolved references, …). */
  warnings: string[];
  processes: Array<{
    id: string;
    name: string | null;
    isExecutable: boolean | null;
    documentation: string | null;
  }>;
  rootElements: Array<{ id: string; type: string; name: string | null; escalationCode: string | null }>;
  flowElements: BpmnElement[];
  shapes: Array<{
    bpmnElement: string | null;
    bounds: { x: number; y: number; width: number; height: number } | null;
  }>;
  edges: Array<{ bpmnElement: string | null; waypoints: number }>;
  /** bpmnlint findings under `bpmnlint:recommended`; category is 'error', 'warn', 'info' or 'rule-error'. */
  lint: Array<{ rule: string; id: string | null; message: string; category: string }>;
}

export interface BpmnElement {
  id: string;
  type: string;
  name: string | null;
  documentation: string | null;
  attachedToRef: string | null;
  cancelActivity: boolean | null;
  calledElement: string | null;
  sourceRef: string | null;
  targetRef: string | null;
  condition: string | null;
  incoming: string[];
  outgoing: string[];
  eventDefinitions: Array<{
    type: string;
    escalationRef: string | null;
    messageRef: string | null;
    timeDuration: string | null;
    timeCycle: string | null;
    timeDate: string | null;
  }>;
}

/**
 * Parses and lints BPMN XML in a child Node process: bpmn-moddle is ESM-only and this Jest setup runs CommonJS
 * without --experimental-vm-modules, so it cannot be loaded in the test process itself.
 */
export function checkBpmn(xml: string): Promise<BpmnCheck> {
  const root = path.resolve(__dirname, '..', '..');
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(__dirname, 'bpmn-check.mjs')],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`bpmn-check failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as BpmnCheck);
      },
    );
    child.stdin?.end(xml, 'utf8');
  });
}
