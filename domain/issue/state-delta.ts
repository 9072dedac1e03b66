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
 * A short fingerprint of a state (FNV-1a over its JSON), so a reader holding a state can tell whether a delta was
 * taken from the same one. JSON keeps key order, so the workflow and the API compute the same for the same state.
 */
export function stateFingerprint(state: IssueState | string): string {
  const text = typeof state === 'string' ? state : JSON.stringify(state);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${text.length.toString(36)}-${hash.toString(36)}`;
}
