import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `page` and `pageSize` of a list, at most 200 a page; lists differ only in their default page size. */
export function PageQuery(defaultPageSize: number) {
  class PageQuery {
    @ApiPropertyOptional({
      description: '页码 Page, from 1',
      type: 'integer',
      example: 1,
      default: 1,
      minimum: 1,
      maximum: 100_000,
    })
    @IsOptional()
    @Type(() => Number)
    @IsInt({ message: 'page must be a whole number' })
    @Min(1)
    @Max(100_000)
    page: number = 1;

    @ApiPropertyOptional({
      description: '每页条数 Page size',
      type: 'integer',
      example: 20,
      default: defaultPageSize,
      minimum: 1,
      maximum: 200,
    })
    @IsOptional()
    @Type(() => Number)
    @IsInt({ message: 'pageSize must be a whole number' })
    @Min(1)
    @Max(200)
    pageSize: number = defaultPageSize;
  }
  return PageQuery;
}

/** Issues, ledgers, patrols, consultations, reports: 20 a page. */
export class PageQueryDto extends PageQuery(20) {}

/** The organisation's registers (units, grids, key points, members), the catalog and the inbox: 50 a page. */
export class RegisterPageQueryDto extends PageQuery(50) {}
