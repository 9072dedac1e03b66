import 'bpmn-js/dist/assets/diagram-js.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { useEffect, useRef, useState } from 'react';
import { request } from '../api/client';
import { useI18n } from '../i18n';

interface DiagramElement {
  id: string;
  type: string;
  incoming?: DiagramElement[];
  outgoing?: DiagramElement[];
  source?: DiagramElement;
  target?: DiagramElement;
  waypoints?: unknown[];
}

interface ElementRegistry {
  get(id: string): DiagramElement | undefined;
  getAll(): DiagramElement[];
}
interface Canvas {
  addMarker(element: string, marker: string): void;
  zoom(level: 'fit-viewport' | number, center?: 'auto'): void;
  scrollToElement(element: DiagramElement): void;
}
interface Overlays {
  add(element: string, overlay: { position: Record<string, number>; html: HTMLElement }): void;
}

export interface Highlight {
  /** BPMN element ids: the current step and the elements the issue has passed through. */
  current: string;
  done: string[];
  /** Times each done task was taken, shown as a badge. */
  counts: Record<string, number>;
  currentLabel: string;
}

/** Gateways and merges between two visited elements were passed through too. */
function walked(registry: ElementRegistry, done: Set<string>): Set<string> {
  const visited = new Set(done);
  for (let round = 0; round < 3; round++) {
    for (const element of registry.getAll()) {
      if (
        visited.has(element.id) ||
        element.waypoints ||
        !/Gateway|Merge_|Choice_/.test(`${element.type} ${element.id}`)
      )
        continue;
      const from = element.incoming?.some((flow) => flow.source && visited.has(flow.source.id));
      const to = element.outgoing?.some((flow) => flow.target && visited.has(flow.target.id));
      if (from && to) visited.add(element.id);
    }
  }
  return visited;
}

/**
 * The lifecycle's BPMN diagram (the API's own export) in bpmn-js's NavigatedViewer, with the current step
 * and the path it took marked as Camunda Cockpit does. Loaded on demand: bpmn-js is the console's largest part.
 */
export default function BpmnView({ highlight }: { highlight: Highlight }) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!container.current) return;
    const viewer = new NavigatedViewer({ container: container.current });
    let cancelled = false;
    void (async () => {
      try {
        const response = await request('/api/v1/process-definitions/issue-lifecycle', {
          accept: 'application/xml',
        });
        const xml = await response.text();
        if (cancelled) return;
        await viewer.importXML(xml);
        const registry = viewer.get<ElementRegistry>('elementRegistry');
        const canvas = viewer.get<Canvas>('canvas');
        const overlays = viewer.get<Overlays>('overlays');
        const visited = walked(registry, new Set(highlight.done.filter((id) => registry.get(id))));
        for (const id of visited) if (id !== highlight.current) canvas.addMarker(id, 'bpmn-done');
        for (const element of registry.getAll()) {
          if (element.waypoints && element.source && element.target) {
            if (visited.has(element.source.id) && visited.has(element.target.id))
              canvas.addMarker(element.id, 'bpmn-done');
          }
        }
        for (const [id, count] of Object.entries(highlight.counts)) {
          if (!registry.get(id) || count < 1) continue;
          const badge = document.createElement('span');
          badge.className = 'bpmn-overlay';
          badge.style.background = '#2563eb';
          badge.textContent = `×${count}`;
          overlays.add(id, { position: { bottom: 8, right: 8 }, html: badge });
        }
        if (registry.get(highlight.current)) {
          canvas.addMarker(highlight.current, 'bpmn-current');
          const badge = document.createElement('span');
          badge.className = 'bpmn-overlay';
          badge.textContent = highlight.currentLabel;
          overlays.add(highlight.current, { position: { top: -14, left: 0 }, html: badge });
        }
        // The whole lifecycle is large: start at a readable scale around the current step (pan and zoom to see more).
        canvas.zoom('fit-viewport', 'auto');
        const focus = registry.get(highlight.current);
        if (focus) {
          canvas.zoom(0.75);
          canvas.scrollToElement(focus);
        }
      } catch {
        if (!cancelled) setFailed(true);
      }
    })();
    return () => {
      cancelled = true;
      viewer.destroy();
    };
  }, [highlight]);

  return (
    <figure style={{ margin: 0 }}>
      {failed && <p role="alert">{t('issue.diagramFailed')}</p>}
      <div ref={container} className="bpmn-container" />
      <figcaption className="visually-hidden">
        {t('issue.diagram')}：{t('issue.diagramLegendCurrent')} {highlight.currentLabel}
      </figcaption>
      <div className="bpmn-legend" aria-hidden>
        <span>
          <span className="swatch" style={{ background: '#d1fadf', border: '3px solid #0b6e4f' }} />
          {t('issue.diagramLegendCurrent')}
        </span>
        <span>
          <span className="swatch" style={{ background: '#eff6ff', border: '2px solid #2563eb' }} />
          {t('issue.diagramLegendDone')}
        </span>
      </div>
    </figure>
  );
}
