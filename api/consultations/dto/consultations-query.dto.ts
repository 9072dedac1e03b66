import { IsUnitCode } from '../../common/validation';
import { PageQueryDto } from '../../common/pagination';
import { IsMonthId } from '../../common/period-validation';

/** 会商记录查询 Filters of the consultation list, combined with AND. */
export class ListConsultationsQueryDto extends PageQueryDto {
  @IsUnitCode('单位 Unit that held it', { optional: true, example: 'ULE' })
  unit?: string;

  @IsMonthId('月份 Month it was held, Asia/Shanghai')
  month?: string;
}
