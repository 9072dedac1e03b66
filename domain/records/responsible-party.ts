/**
 * 业主主体责任 (seed 四(二) "压紧压实生态环境保护业主主体责任"): the enterprise, organisation or person responsible
 * for a problem, named on an issue or on a violation clue, with its 统一社会信用代码 checked per GB 32100-2015.
 */
import { reject, type Rejection } from '../common/rejection';

/** The 31 characters of GB 32100-2015 (no I, O, S, V, Z), in the order of their values 0–30. */
const CREDIT_CODE_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^(i) mod 31 for positions 1–17: the weights of the check character. */
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The shape of a 统一社会信用代码 (either case), what a JSON Schema can state; the check character is apart. */
export const CREDIT_CODE_SHAPE =
  /^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{10}$/;

/** The code as stored: trimmed and upper-case (people type it in either case). */
export function normaliseCreditCode(code: string): string {
  return code.trim().toUpperCase();
}

/** The check character (position 18) of the first 17 characters, or null when one is outside the set. */
export function creditCodeCheckCharacter(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARACTERS.indexOf(first17[i] ?? '');
    if (value < 0) return null;
    sum += value * CREDIT_CODE_WEIGHTS[i];
  }
  return CREDIT_CODE_CHARACTERS[(31 - (sum % 31)) % 31];
}

/**
 * Why a 统一社会信用代码 is not valid (English), or null: 18 characters of the GB 32100-2015 set, positions 3–8 an
 * administrative-division code (digits), position 18 the check character of the other 17.
 */
export function creditCodeProblem(raw: string): string | null {
  const code = normaliseCreditCode(raw);
  if (code.length !== 18) return `a unified social credit code has 18 characters, not ${code.length}`;
  const outside = [...code].findIndex((c) => !CREDIT_CODE_CHARACTERS.includes(c));
  if (outside >= 0)
    return `character ${outside + 1} ("${code[outside]}") is not one of 0-9 and A-Y without I, O, S, V, Z`;
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'characters 3–8 are the administrative-division code: digits';
  const check = creditCodeCheckCharacter(code.slice(0, 17));
  return check === code[17]
    ? null
    : `the check character should be ${check}, not ${code[17]} (GB 32100-2015)`;
}

/** Who the responsible party is: an enterprise or other organisation (企业、单位), or a person (个人). */
export const RESPONSIBLE_PARTY_KINDS = ['organisation', 'person'] as const;
export type ResponsiblePartyKind = (typeof RESPONSIBLE_PARTY_KINDS)[number];

export const RESPONSIBLE_PARTY_KIND_LABELS: Record<ResponsiblePartyKind, string> = {
  organisation: '企业（单位）',
  person: '个人',
};

/** 责任主体: the polluter or owner who carries the duty to put the problem right. */
export interface ResponsibleParty {
  kind: ResponsiblePartyKind;
  /** 名称或姓名 */
  name: string;
  /** 统一社会信用代码, upper-case and checked; people and unregistered businesses have none. */
  creditCode?: string;
  /** 联系人及电话 */
  contact?: string;
}

export const RESPONSIBLE_PARTY_LIMITS = { name: 128, contact: 128 } as const;

/**
 * The responsible party as the workflow validator and the repositories check it (the API's DTO checks the same
 * first): `field` names where it sits, e.g. `responsibleParty`.
 */
export function checkResponsibleParty(value: unknown, field: string, rule: string): Rejection | null {
  const bad = (sub: string, code: string, message: string) =>
    reject('invalid-data', code, message, { field: field ? `${field}.${sub}` : sub, rule });
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return reject('invalid-data', 'responsible-party-required', `${field || 'data'} must be an object`, {
      field: field || 'data',
      rule,
    });
  const party = value as Record<string, unknown>;
  if (!RESPONSIBLE_PARTY_KINDS.includes(party.kind as ResponsiblePartyKind))
    return bad('kind', 'responsible-party-kind', `kind must be one of ${RESPONSIBLE_PARTY_KINDS.join(', ')}`);
  if (typeof party.name !== 'string' || party.name.trim() === '')
    return bad('name', 'field-required', 'name is required');
  if (party.name.length > RESPONSIBLE_PARTY_LIMITS.name)
    return bad('name', 'field-too-long', `name is longer than ${RESPONSIBLE_PARTY_LIMITS.name}`);
  if (party.creditCode !== undefined) {
    if (typeof party.creditCode !== 'string')
      return bad('creditCode', 'credit-code-invalid', 'creditCode must be text');
    const problem = creditCodeProblem(party.creditCode);
    if (problem) return bad('creditCode', 'credit-code-invalid', problem);
  }
  if (party.contact !== undefined && (typeof party.contact !== 'string' || party.contact.length > 128))
    return bad(
      'contact',
      'field-too-long',
      `contact must be text of at most ${RESPONSIBLE_PARTY_LIMITS.contact}`,
    );
  return null;
}

/** The party as it is kept: trimmed, the code normalised, empty optional fields left out. */
export function normaliseResponsibleParty(party: ResponsibleParty): ResponsibleParty {
  const contact = party.contact?.trim();
  return {
    kind: party.kind,
    name: party.name.trim(),
    ...(party.creditCode ? { creditCode: normaliseCreditCode(party.creditCode) } : {}),
    ...(contact ? { contact } : {}),
  };
}

/** One line for ledgers and documents: `名称（统一社会信用代码）`. */
export function responsiblePartyLine(party: ResponsibleParty | null | undefined): string {
  if (!party) return '';
  return party.creditCode ? `${party.name}（${party.creditCode}）` : party.name;
}
