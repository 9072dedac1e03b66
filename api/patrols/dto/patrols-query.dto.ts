import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { IsUnitCode, RECORD_ID } from '../../common/validation';
import { PageQueryDto } from '../../common/pagination';
import { IsMonthId, IsWeekId } from '../../common/period-validation';

/** 巡查记录查询 Filters of the patrol list, combined with AND. */
export class ListPatrolsQueryDto extends PageQueryDto {
  @IsUnitCode('所属单位 Unit of the grid', { optional: true, example: 'ULE' })
  unit?: string;

  @ApiPropertyOptional({ description: '网格 Grid code', example: 'DEMO-ULE-01' })
  @IsOptional()
  @IsString()
  @Matches(RECORD_ID, { message: 'grid must be a grid code' })
  grid?: string;

  @IsWeekId('巡查周（ISO周，北京时间） Week of the patrol’s start, Asia/Shanghai')
  week?: string;

  @IsMonthId('巡查月份 Month of the patrol’s start, Asia/Shanghai')
  month?: string;
}

/** 巡查合规 One period: a week or a month (exactly one), optionally one unit. */
export class PatrolComplianceQueryDto {
  @IsWeekId('周（P1 每周巡查） Week, e.g. 2027-W02')
  week?: string;

  @IsMonthId('月（P1 重点点位每月两次、P5 会商） Month, e.g. 2027-03')
  month?: string;

  @IsUnitCode('单位 Unit (县环委办 and the county heads: any; others: their own)', {
    optional: true,
    example: 'ULE',
  })
  unit?: string;
}
