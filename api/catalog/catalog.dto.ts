import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsOrgCode, IsText } from '../common/validation';

export const CATEGORY_CODE = /^[a-z][a-z0-9_]{0,63}$/;

/** One line of the responsibility catalog (职责清单, SPEC §2). */
export class CreateCategoryDto {
  @ApiProperty({
    description: '类别代码 Category code: lower-case letters, digits and _',
    pattern: CATEGORY_CODE.source,
    maxLength: 64,
    example: 'domestic_waste',
  })
  @IsString()
  @Matches(CATEGORY_CODE, { message: 'code must be lower-case letters, digits and _ (at most 64)' })
  code!: string;

  @IsText('类别名称 Name', { max: 128, example: '城乡生活垃圾收集处理' })
  name!: string;

  @IsOrgCode('主管单位 Owning unit', { example: 'ULE' })
  ownerUnitCode!: string;

  @ApiPropertyOptional({ description: '说明 Description', maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

export class UpdateCategoryDto extends PartialType(OmitType(CreateCategoryDto, ['code'] as const)) {}

export class SuggestOwnerQueryDto {
  @ApiProperty({ description: '问题类别代码 Category code', example: 'domestic_waste' })
  @IsString()
  @Matches(CATEGORY_CODE, { message: 'category must be a category code' })
  category!: string;
}
