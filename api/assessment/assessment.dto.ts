import { IsDateOnly } from '../common/validation';
import { DocumentFormatQueryDto } from '../common/document-response';

export class AssessmentQueryDto extends DocumentFormatQueryDto {
  @IsDateOnly(
    '统计截至日期（含当日，北京时间）；缺省为年度结束或当前时间 Count records up to the end of this day (Asia/Shanghai); default: the year’s end, or now for the running year',
    { optional: true, example: '2027-12-31' },
  )
  asOf?: string;
}
