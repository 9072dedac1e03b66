import type { ResponsibleParty } from '../../domain/records/responsible-party';
import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { IssueStatus, Severity } from '../../domain/issue/issue.types';
import { LEDGER_ROLES, type LedgerRole } from '../../persistence/entities/ledger-entry.entity';
import { PageQueryDto } from '../common/pagination';

export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Filters of a ledger (JSON and export alike), combined with AND. */
export class LedgerFilterDto {
  @ApiPropertyOptional({
    description: '台账角色 finder 发现单位 / sector_owner 行业台账 / territorial_owner 属地台账',
    enum: LEDGER_ROLES,
  })
  @IsOptional()
  @IsIn(LEDGER_ROLES, { message: `role must be one of ${LEDGER_ROLES.join(', ')}` })
  role?: LedgerRole;

  @ApiPropertyOptional({
    description: '是否已销号 Closed (销号) lines only, or open ones only',
    type: Boolean,
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'closed must be true or false' })
  closed?: boolean;

  @ApiPropertyOptional({ description: '是否逾期 Overdue', type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: '编号、标题或描述包含的文字 Text in the code, title or description' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  text?: string;
}

export class LedgerPageQueryDto extends IntersectionType(PageQueryDto, LedgerFilterDto) {}

export class LedgerExportQueryDto extends LedgerFilterDto {
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
  /** L21: the enterprise or person responsible (业主), when named. */
  responsibleParty: ResponsibleParty | null;
}

export interface Ledger {
  unitCode: string;
  unitName: string;
  items: LedgerLine[];
  page: number;
  pageSize: number;
  total: number;
}
