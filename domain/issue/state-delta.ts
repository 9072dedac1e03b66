import { fnv1a } from '../common/hash';
import type { IssueState } from './issue.types';

/**
 * What changed between two states of an issue, key by key at the top level: the keys whose value changed (whole
 * values) and the keys that went. An action touches a few keys, so this carries a fraction of the state.
 */
export interface StateDelta {
  set: Partial<IssueState>;
  unset: Array<keyof IssueState>;
}

/** The top-level keys of `after` that differ from `before`, by their JSON. */
export function stateDelta(before: IssueState, after: IssueState): StateDelta {
  const delta: StateDelta = { set: {}, unset: [] };
  const set = delta.set as Record<string, unknown>;
  const previous = before as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (JSON.stringify(value) !== JSON.stringify(previous[key])) set[key] = value;
  }
  for (const [key, value] of Object.entries(previous)) {
    const now = (after as unknown as Record<string, unknown>)[key];
    if (value !== undefined && now === undefined) delta.unset.push(key as keyof IssueState);
  }
  return delta;
}

/** `base` moved forward by `delta` (a new object; `base` is left as it was). */
export function applyStateDelta(base: IssueState, delta: StateDelta): IssueState {
  const next = { ...base, ...delta.set } as unknown as Record<string, unknown>;
  for (const key of delta.unset) delete next[key];
  return next as unknown as IssueState;
}

/**
 * JSON with every object's keys in code-unit order, at every depth: the same text for equal states whatever order
 * their keys were set in, so a state read back from PostgreSQL (`jsonb` keeps no key order) compares with the
 * workflow's own.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

/**
 * A short fingerprint of a state (FNV-1a over its canonical JSON), so a reader holding a state (from a query or from
 * the read model) can tell whether a delta was taken from the same one.
 */
export function stateFingerprint(state: IssueState): string {
  const text = canonicalJson(state);
  const hash = fnv1a(text);
  return `${text.length.toString(36)}-${hash.toString(36)}`;
}
