import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { IssueStatus, Severity } from '../../domain/issue/issue.types';
import type { LedgerRole } from '../../persistence/entities/ledger-entry.entity';
import { PageQueryDto } from '../common/pagination';

export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class LedgerPageQueryDto extends PageQueryDto {}

export class LedgerExportQueryDto {
  @ApiPropertyOptional({ description: '导出格式 Export format', enum: EXPORT_FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
  format: ExportFormat = 'xlsx';
}

/** One issue of a unit's ledger, with every role the unit carries it in (L2, L6). */
export interface LedgerLine {
  issueCode: string;
  title: string;
  category: string;
  categoryName: string;
  severity: Severity;
  township: string;
  townshipName: string;
  finderUnit: string;
  finderUnitName: string;
  sectorOwner: string;
  sectorOwnerName: string;
  territorialOwner: string;
  territorialOwnerName: string;
  roles: LedgerRole[];
  status: IssueStatus;
  /** 整改时限 (L5, L8): the plan's time limit as approved, YYYY-MM-DD; null until a plan is submitted. */
  timeLimit: string | null;
  /** The current deadline: the earliest open obligation's due date (accept, plan, rectify, …). */
  deadline: string | null;
  /** L9: that deadline or its escalations count days beyond the calendar data (Mon–Fri for now). */
  deadlineProvisional: boolean;
  overdue: boolean;
  escalationLevel: number;
  countySupervision: boolean;
  reportedAt: string;
  openedAt: string;
  /** When every line of this unit for the issue closed (销号); null while any is open. */
  closedAt: string | null;
}

export interface Ledger {
  unitCode: string;
  unitName: string;
  items: LedgerLine[];
  page: number;
  pageSize: number;
  total: number;
}
