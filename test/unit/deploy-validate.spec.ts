import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const script = pathToFileURL(path.resolve(__dirname, '..', '..', 'scripts', 'validate-deploy.mjs')).href;

/** Calls an export of the ES module scripts/validate-deploy.mjs in a child Node (Jest here runs CommonJS). */
function call(name: string, ...args: unknown[]): { ok: true; value: unknown } | { ok: false; error: string } {
  const code = `const m = await import(${JSON.stringify(script)});
    try { console.log(JSON.stringify({ ok: true, value: m[${JSON.stringify(name)}](...${JSON.stringify(args)}) })); }
    catch (error) { console.log(JSON.stringify({ ok: false, error: error.message })); }`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as { ok: true; value: unknown } | { ok: false; error: string };
}

describe('scripts/validate-deploy.mjs', () => {
  it('substitutes variables the way Compose does', () => {
    const text = 'a=${A} b=${B:-dflt} c=${C-dflt} d=${A:+alt} e=$A f=$$A g=${EMPTY:-dflt} h=${EMPTY-dflt}';
    expect(call('interpolate', text, { A: 'x', EMPTY: '' })).toEqual({
      ok: true,
      value: 'a=x b=dflt c=dflt d=alt e=x f=$$A g=dflt h=',
    });
  });

  it('refuses a missing required variable with its message', () => {
    expect(call('interpolate', 'p=${PASSWORD:?set PASSWORD in .env}', {})).toEqual({
      ok: false,
      error: 'required variable PASSWORD: set PASSWORD in .env',
    });
  });

  it('lists the variables a compose file uses', () => {
    expect(call('composeVariables', 'x: ${D:?e} y: $B z: $$C w: ${A:-1} v: ${B}')).toEqual({
      ok: true,
      value: ['A', 'B', 'D'],
    });
  });

  it('reports a dependency on an undefined service and an unpinned image', () => {
    const result = call('composeRules', {
      services: {
        api: { image: 'redis', restart: 'always', depends_on: { ghost: { condition: 'service_started' } } },
      },
    });
    expect(result.ok).toBe(true);
    const problems = (result as { value: string[] }).value;
    expect(problems).toContain('api depends on undefined service ghost');
    expect(problems).toContain('api: image redis must be pinned to a version');
    expect(problems).toContain('api must wait for migrate (service_completed_successfully)');
  });

  it('requires the API probes on /health/live and /health/ready', () => {
    const api = {
      kind: 'Deployment',
      metadata: { name: 'eco-grid-api' },
      spec: {
        template: {
          spec: {
            securityContext: { runAsNonRoot: true },
            containers: [
              {
                name: 'api',
                image: 'eco-grid:1',
                resources: { requests: { cpu: '1' }, limits: { memory: '1Gi' } },
                livenessProbe: { httpGet: { path: '/' } },
                readinessProbe: { httpGet: { path: '/health/ready' } },
              },
            ],
          },
        },
      },
    };
    const result = call('kubernetesRules', [api]);
    const problems = (result as { value: string[] }).value;
    expect(problems).toContain('API liveness must be GET /health/live');
    expect(problems).not.toContain('API readiness must be GET /health/ready');
    expect(problems).toContain('Deployment eco-grid-worker is missing');
  });
});
