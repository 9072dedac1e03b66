import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '../common/pagination';

export class ListBulletinsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '通报周期 Week (2027-W10) or month (2027-03)', example: '2027-W10' })
  @IsOptional()
  @Matches(/^\d{4}(-W\d{2}|-\d{2})$/, { message: 'period must be a week (2027-W10) or a month (2027-03)' })
  period?: string;

  @ApiPropertyOptional({ description: '状态 draft 草稿 / submitted 已审定', enum: ['draft', 'submitted'] })
  @IsOptional()
  @IsIn(['draft', 'submitted'], { message: 'status must be draft or submitted' })
  status?: 'draft' | 'submitted';
}
