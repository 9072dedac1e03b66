import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ISSUE_CODE_PATTERN } from '../../domain/issue/issue-code';
import { SEVERITIES } from '../../domain/issue/issue.types';
import { STATE_IDS } from '../../domain/process/issue-process.definition';
import { LEDGER_ROLES } from '../../persistence/entities/ledger-entry.entity';
import { arrayOf, bool, dateTime, nullableDateTime, object, pageOf, text } from '../common/response-schemas';

/** One issue in a unit's ledger (`LedgerLine`), with the unit's roles in it. */
const LEDGER_LINE_SCHEMA = object({
  issueCode: { type: 'string', pattern: ISSUE_CODE_PATTERN.source },
  title: text,
  category: text,
  categoryName: text,
  severity: { type: 'string', enum: [...SEVERITIES] },
  township: text,
  townshipName: text,
  finderUnit: text,
  finderUnitName: text,
  sectorOwner: text,
  sectorOwnerName: text,
  territorialOwner: text,
  territorialOwnerName: text,
  roles: arrayOf({ type: 'string', enum: [...LEDGER_ROLES] }),
  status: { type: 'string', enum: [...STATE_IDS] },
  deadline: nullableDateTime,
  overdue: bool,
  escalationLevel: { type: 'integer', minimum: 0, maximum: 3 },
  countySupervision: bool,
  reportedAt: dateTime,
  openedAt: dateTime,
  closedAt: nullableDateTime,
});

/** `GET /api/v1/ledgers/{unitCode}`: a page of the unit's ledger. */
export const LEDGER_SCHEMA: SchemaObject = pageOf(LEDGER_LINE_SCHEMA, { unitCode: text, unitName: text });
