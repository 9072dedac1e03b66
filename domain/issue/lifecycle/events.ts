import type { Actor } from '../../organisation/roles';

/** Who a notice is for; the notification activity resolves it to people from the organisation. */
export interface Audience {
  role:
    | 'responsible_person'
    | 'direct_leader'
    | 'unit_head'
    | 'unit'
    | 'deputy_chief'
    | 'chief'
    | 'eco_office'
    | 'prefecture_counterpart';
  unit?: string;
  name?: string;
  /** G7: the grid whose people are meant (its 直接负责人). */
  grid?: string;
  /** The member meant, by id (the 五定 plan's 责任人 when the plan names one). */
  memberId?: string;
  /** G7: where the issue is, so a department's own grid there can be found. */
  at?: { lat: number; lng: number };
}

export interface NoticeDraft {
  kind: string;
  audiences: Audience[];
  subject: string;
  body: string;
}

/** A notice's words; `notice-texts.ts` writes every one of them. */
export interface NoticeText {
  subject: string;
  body: string;
}

export interface LedgerChange {
  op: 'open' | 'close' | 'reopen';
  unit: string;
  role: 'finder' | 'sector_owner' | 'territorial_owner';
}

/** An event about to be appended (L15), with the notices and ledger changes it causes. */
export interface EventDraft {
  type: string;
  actor: string;
  actorUnit: string;
  payload: Record<string, unknown>;
  notices: NoticeDraft[];
  ledger: LedgerChange[];
}

export const SYSTEM_ACTOR = { name: '系统', unit: 'SYSTEM' } as const;

/** An event by a member (as the token names them) or by the system, before its notices and ledger changes. */
export function event(
  actor: Actor | typeof SYSTEM_ACTOR,
  type: string,
  payload: Record<string, unknown>,
): EventDraft {
  return 'id' in actor
    ? { type, actor: actor.name, actorUnit: actor.unitCode, payload, notices: [], ledger: [] }
    : { type, actor: actor.name, actorUnit: actor.unit, payload, notices: [], ledger: [] };
}

export const notice = (kind: string, audiences: Audience[], text: NoticeText): NoticeDraft => ({
  kind,
  audiences,
  subject: text.subject,
  body: text.body,
});
