import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, Matches, Max, Min, ValidateBy } from 'class-validator';
import {
  DUTY_REPORT_KINDS,
  NARRATIVE_MAX,
  type DutyReportKind,
  type DutyReportState,
} from '../../domain/duties/reports/reports';
import { IsUnitCode } from '../common/validation';
import { PageQueryDto } from '../common/pagination';

/** `true`/`false` in a query string as a boolean; anything else stays as it is and fails validation. */
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** A week (2027-W10), month (2027-03) or year (2027). */
export const PERIOD_ID = /^\d{4}(-W\d{2}|-\d{2})?$/;

/** The kinds a unit's or 县环委办's deadline applies to (a bulletin has none). */
export const DEADLINE_KINDS = DUTY_REPORT_KINDS.filter((k) => k !== 'bulletin');

export const DOCUMENT_FORMATS = ['pdf', 'xlsx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** 报告查询 Filters of the report list, combined with AND. */
export class ListReportsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '报告类型 Report kind', enum: DUTY_REPORT_KINDS, example: 'weekly' })
  @IsOptional()
  @IsIn(DUTY_REPORT_KINDS, { message: `kind must be one of ${DUTY_REPORT_KINDS.join(', ')}` })
  kind?: DutyReportKind;

  @IsUnitCode('报送单位 Reporting unit', { optional: true })
  unit?: string;

  @ApiPropertyOptional({ description: '周期 Period: 2027-W10, 2027-03 or 2027', example: '2027-W10' })
  @IsOptional()
  @Matches(PERIOD_ID, { message: 'period must be a week (2027-W10), month (2027-03) or year (2027)' })
  period?: string;

  @ApiPropertyOptional({
    description: '状态 draft 草稿 / submitted 已审定报送',
    enum: ['draft', 'submitted'],
  })
  @IsOptional()
  @IsIn(['draft', 'submitted'], { message: 'status must be draft or submitted' })
  status?: 'draft' | 'submitted';

  @ApiPropertyOptional({
    description: '逾期 Late: submitted after the deadline, or marked late while still missing',
    type: Boolean,
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'late must be true or false' })
  late?: boolean;
}

export class MissingReportsQueryDto {
  @ApiProperty({ description: '报告类型 Report kind', enum: DEADLINE_KINDS, example: 'weekly' })
  @IsIn(DEADLINE_KINDS, { message: `kind must be one of ${DEADLINE_KINDS.join(', ')}` })
  kind!: DutyReportKind;

  @ApiProperty({ description: '周期 Period of the kind: 2027-W10, 2027-03 or 2027', example: '2027-W10' })
  @Matches(PERIOD_ID, { message: 'period must be a week (2027-W10), month (2027-03) or year (2027)' })
  period!: string;
}

export class DocumentQueryDto {
  @ApiPropertyOptional({ description: '格式 Format', enum: DOCUMENT_FORMATS, default: 'pdf' })
  @IsOptional()
  @IsIn(DOCUMENT_FORMATS, { message: `format must be one of ${DOCUMENT_FORMATS.join(', ')}` })
  format: DocumentFormat = 'pdf';
}

function isNarrative(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((text) => typeof text === 'string' && text.length <= NARRATIVE_MAX)
  );
}

/** 修改报告 A revision: narrative parts by key, or a redraft from the records, or both. */
export class ReviseReportDto {
  @ApiPropertyOptional({
    description:
      '文字部分（按键） Narrative parts by key; weekly: summary, remarks; monthly_summary: summary, practices, problems; risk_warning: assessment, measures; dual_dispatch: remarks; annual_*: basicWork, rectification, problems, plans; bulletin: summary, notable, requirements',
    type: 'object',
    additionalProperties: { type: 'string', maxLength: NARRATIVE_MAX },
    example: { summary: '本周各网格均已巡查，发现问题均已录入台账。' },
  })
  @IsOptional()
  @IsObject({ message: 'narrative must be an object of texts by key' })
  @ValidateBy({
    name: 'narrativeTexts',
    validator: {
      validate: isNarrative,
      defaultMessage: () => `narrative values must be texts of at most ${NARRATIVE_MAX} characters`,
    },
  })
  narrative?: Record<string, string>;

  @ApiPropertyOptional({
    description: '按当前记录重新生成数据部分 Redraft the recorded part from the records as they are now',
    type: Boolean,
  })
  @IsOptional()
  @IsBoolean({ message: 'redraft must be true or false' })
  redraft?: boolean;
}

/** 审定 The approval: the digital seal. */
export class ApproveReportDto {
  @ApiPropertyOptional({
    description: '所审定的版本 The revision read; refused (409) if the report has changed since',
    example: 2,
    minimum: 1,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'revision must be a whole number' })
  @Min(1)
  @Max(1_000_000)
  revision?: number;
}

export class CreateBulletinDto {
  @ApiProperty({ description: '通报周期 Week (2027-W10) or month (2027-03)', example: '2027-W10' })
  @Matches(/^\d{4}(-W\d{2}|-\d{2})$/, { message: 'period must be a week (2027-W10) or a month (2027-03)' })
  period!: string;
}

/** One report in a list. */
export interface ReportListItem {
  id: string;
  kind: DutyReportKind;
  kindLabel: string;
  unitCode: string;
  unitName: string;
  period: string;
  periodLabel: string;
  dueAt: string | null;
  status: 'draft' | 'submitted';
  revision: number;
  submittedAt: string | null;
  onTime: boolean | null;
  late: boolean;
  lateMarkedAt: string | null;
  chased: number;
  approvedByName: string | null;
}

export interface ReportPage {
  items: ReportListItem[];
  page: number;
  pageSize: number;
  total: number;
}

export interface ReportEvent {
  id: string;
  type: string;
  actor: string | null;
  at: string;
  payload: Record<string, unknown>;
}

/**
 * P10: how a sealed report's PDF is signed: `SM2-SM3` with the county key (its id, the PDF's digests, the signed
 * statement and the signature, DER in hex), or `legacy-sha256` for a report sealed before the key existed.
 */
export type ReportSignature =
  | {
      scheme: 'SM2-SM3';
      signature: {
        keyId: string;
        signedAt: string;
        document: { sm3: string; sha256: string };
        statement: string;
        value: string;
      };
    }
  | { scheme: 'legacy-sha256'; signature: null };

/** Where one e-mail carrying a sealed report stands. */
export interface SealedReportDelivery {
  recipient: string | null;
  status: string;
  attempts: number;
  deliveredAt: string | null;
  lastError: string | null;
}

/** One report: the stored content, the seal, the history, and the workflow's live state. */
export interface ReportDetail extends ReportListItem {
  workflowId: string | null;
  contentHash: string;
  content: Record<string, unknown>;
  seal:
    | ({
        approvedBy: string;
        approvedByName: string;
        approverTitle: string | null;
        approvedAt: string;
        revision: number;
        contentHash: string;
        sealHash: string;
      } & ReportSignature)
    | null;
  events: ReportEvent[];
  /**
   * P4, P6: the e-mail that carries the sealed report to the prefecture counterpart, for the reports that go
   * there once approved: 'pending' (on its way), 'delivered', 'failed' (see lastError), or 'unresolved' (the
   * counterpart has no mailbox: set the unit's prefectureEmail). Null for reports that stay in the county.
   */
  prefectureSubmission: SealedReportDelivery | null;
  /** P8: a sealed bulletin's e-mails to the county leadership, one per mailbox ('unresolved' when none is set). */
  leadershipDeliveries: SealedReportDelivery[];
  /** Null when the workflow cannot be asked (e.g. a worker is down); the stored row still answers. */
  live: DutyReportState | null;
  temporalUiUrl: string | null;
}

export interface MissingReports {
  kind: DutyReportKind;
  period: string;
  periodLabel: string;
  dueAt: string | null;
  expected: number;
  onTime: Array<{ unitCode: string; unitName: string; submittedAt: string; approvedByName: string | null }>;
  late: Array<{
    unitCode: string;
    unitName: string;
    submittedAt: string;
    approvedByName: string | null;
    lateMarkedAt: string | null;
  }>;
  missing: Array<{
    unitCode: string;
    unitName: string;
    /** Null when no report was drafted for the unit (its round has not run). */
    reportId: string | null;
    lateMarkedAt: string | null;
    chased: number;
  }>;
}
