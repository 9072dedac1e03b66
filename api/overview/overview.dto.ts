import type { IssueStatus } from '../../domain/issue/issue.types';

export interface UnitCounts {
  unitCode: string;
  unitName: string;
  open: number;
  overdue: number;
  escalated: number;
  closed: number;
}

/** 全县总览 What the county's overview shows: counts, trends and the map (P9's 作战图 for the whole county). */
export interface CountyOverview {
  generatedAt: string;
  byStatus: Record<string, number>;
  /** By the unit responsible (the sector owner until one accepts). */
  byUnit: UnitCounts[];
  byTownship: UnitCounts[];
  /** The last 12 ISO weeks, Beijing time, oldest first. */
  trend: Array<{ week: string; reported: number; closed: number }>;
}

export interface CountyMap {
  issues: Array<{
    code: string;
    title: string;
    status: IssueStatus;
    category: string;
    township: string;
    lat: number;
    lng: number;
    overdue: boolean;
    escalationLevel: number;
  }>;
  grids: Array<{
    code: string;
    name: string;
    unitCode: string;
    kind: string;
    boundary: Record<string, unknown>;
  }>;
}

/** The console's settings that a deployment chooses: where map tiles come from. */
export interface ConsoleSettings {
  map: {
    tileUrl: string | null;
    attribution: string;
    subdomains: string[];
    center: { lat: number; lng: number };
    zoom: number;
  };
}
