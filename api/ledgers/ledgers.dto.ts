import type { ResponsibleParty } from '../../domain/records/responsible-party';
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
  deadline: string | null;
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
