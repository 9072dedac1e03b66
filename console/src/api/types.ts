/** Shapes of the API's answers the console reads (from the served OpenAPI document and the login contract). */
import type { Locale } from '../i18n';

export interface Me {
  id: string;
  name: string;
  unitCode: string;
  unitName: string;
  unitKind: string;
  roles: string[];
  gridCode: string | null;
  scopes: string[];
  mustChangePassword: boolean;
  locale: Locale;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface IssueListItem {
  code: string;
  title: string;
  category: string;
  severity: 'general' | 'major';
  source: string;
  status: string;
  township: string;
  finderUnit: string;
  sectorOwner: string;
  territorialOwner: string;
  owner: string | null;
  awaiting?: string[];
  deadline: string | null;
  overdue: boolean;
  escalationLevel: number;
  countySupervision: boolean;
  accountabilityFlagged: boolean;
  reportedAt: string;
}

export interface InboxItem {
  id: string;
  notificationId: string;
  subject: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage extends Page<InboxItem> {
  unread: number;
}

export interface Unit {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
}

export interface Obligation {
  id: string;
  kind: string;
  unit: string;
  startedAt: string;
  due: string;
  step: number;
}

export interface IssueState {
  code: string;
  status: string;
  definitionVersion: string;
  report: {
    title: string;
    description: string;
    category: string;
    severity: 'general' | 'major';
    source: string;
    township: string;
    village?: string;
    finderUnit: string;
    reportedBy: string;
    evidence: string[];
  };
  sectorOwner: string;
  territorialOwner: string;
  owner: string | null;
  reportedAt: string;
  deadline: string | null;
  awaiting: string[];
  overdue: boolean;
  escalationLevel: number;
  countySupervision: boolean;
  accountability: { flagged: boolean; reason: string | null };
  obligations: Obligation[];
  plan: {
    responsibleUnit: string;
    responsiblePerson: string;
    measures: string;
    timeLimit: string;
    target: string;
    milestones: Array<{ date: string; description: string; done?: boolean }>;
  } | null;
  policy: Record<string, number>;
  extensions: Array<{ seq: number; reason: string; proposedTimeLimit: string; decision?: unknown }>;
  transfers: Array<{ seq: number; fromUnit: string; toUnit: string; outcome: string }>;
  closure: { publicNotice: { objections: Array<{ seq: number; resolution?: unknown }> } | null };
}

export interface IssueEvent {
  id: string;
  issueCode: string;
  seq: number;
  type: string;
  actor: string;
  actorUnit: string;
  at: string;
  payload: Record<string, unknown>;
}

export interface IssueDetail {
  state: IssueState;
  events: IssueEvent[];
  temporalUiUrl: string;
  allowedActions?: string[];
}

export interface ProcessDefinition {
  id: string;
  version: string;
  states: Array<{ id: string; label: string }>;
  actions: Array<{
    id: string;
    label: string;
    from: string[];
    to: string[];
    parties: string[];
    rules: string[];
  }>;
}
