import { useEffect, useState } from 'react';
import { getJson } from './client';
import type { Page, ProcessDefinition, Unit } from './types';

export interface Category {
  code: string;
  name: string;
  ownerUnitCode: string;
}

// Reference data changes rarely: one request per page load, shared by every screen.
let unitsPromise: Promise<Unit[]> | null = null;
let categoriesPromise: Promise<Category[]> | null = null;
let definitionPromise: Promise<ProcessDefinition> | null = null;

async function loadUnits(): Promise<Unit[]> {
  const units: Unit[] = [];
  for (let page = 1; page < 50; page++) {
    const answer = await getJson<Page<Unit>>('/api/v1/units', { query: { page, pageSize: 200 } });
    units.push(...answer.items);
    if (units.length >= answer.total || answer.items.length === 0) break;
  }
  return units;
}

export function units(): Promise<Unit[]> {
  unitsPromise ??= loadUnits().catch((error: unknown) => {
    unitsPromise = null;
    throw error;
  });
  return unitsPromise;
}

export function processDefinition(): Promise<ProcessDefinition> {
  definitionPromise ??= getJson<ProcessDefinition>('/api/v1/process-definitions/issue-lifecycle').catch(
    (error: unknown) => {
      definitionPromise = null;
      throw error;
    },
  );
  return definitionPromise;
}

/** The responsibility catalogue's category names (SPEC §2). */
export function useCategoryNames(): (code: string) => string {
  const [list, setList] = useState<Category[]>([]);
  useEffect(() => {
    categoriesPromise ??= getJson<Page<Category>>('/api/v1/responsibility-categories', {
      query: { pageSize: 200 },
    })
      .then((page) => page.items)
      .catch((error: unknown) => {
        categoriesPromise = null;
        throw error;
      });
    categoriesPromise.then(setList).catch(() => setList([]));
  }, []);
  const byCode = new Map(list.map((category) => [category.code, category.name]));
  return (code) => byCode.get(code) ?? code;
}

/** Unit code → name; the code itself until the list has loaded (or for a unit not in it). */
export function useUnitNames(): { name: (code: string | null | undefined) => string; list: Unit[] } {
  const [list, setList] = useState<Unit[]>([]);
  useEffect(() => {
    units()
      .then(setList)
      .catch(() => setList([]));
  }, []);
  const byCode = new Map(list.map((unit) => [unit.code, unit.name]));
  return { name: (code) => (code ? (byCode.get(code) ?? code) : '—'), list };
}
