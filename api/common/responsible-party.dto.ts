import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import {
  CREDIT_CODE_SHAPE,
  RESPONSIBLE_PARTY_KINDS,
  type ResponsiblePartyKind,
} from '../../domain/records/responsible-party';
import { IsText } from './validation';

/**
 * 责任主体（业主） The enterprise, organisation or person responsible for a problem. The credit code's shape is
 * checked here (400); its check character, a rule JSON Schema cannot state, where it is used (422).
 */
export class ResponsiblePartyDto {
  @ApiProperty({
    description: '类型 organisation 企业（单位） / person 个人',
    enum: RESPONSIBLE_PARTY_KINDS,
    example: 'organisation',
  })
  @IsIn(RESPONSIBLE_PARTY_KINDS, { message: `kind must be one of ${RESPONSIBLE_PARTY_KINDS.join(', ')}` })
  kind!: ResponsiblePartyKind;

  @IsText('名称或姓名 Name', { max: 128, example: '榕江县某某养殖场' })
  name!: string;

  // Not IsText: its pattern (non-blank) would stand in the document for the code's own shape.
  @ApiPropertyOptional({
    description:
      '统一社会信用代码（18位；校验码按 GB 32100-2015 校验，不符为422） Unified social credit code; a wrong check character is 422',
    type: String,
    maxLength: 18,
    pattern: CREDIT_CODE_SHAPE.source,
    example: '91350100M000100Y43',
  })
  @IsOptional()
  @IsString()
  @Matches(CREDIT_CODE_SHAPE, {
    message: 'creditCode must be 18 characters of 0-9 and A-Y without I, O, S, V, Z, digits in places 3–8',
  })
  creditCode?: string;

  @IsText('联系人及电话 Contact', { max: 128, optional: true, example: '张某 138****0000' })
  contact?: string;
}
