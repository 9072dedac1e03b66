import { ApiProperty } from '@nestjs/swagger';
import { IsIn, ValidateBy } from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import {
  creditCodeProblem,
  RESPONSIBLE_PARTY_KINDS,
  type ResponsiblePartyKind,
} from '../../domain/records/responsible-party';
import { IsText } from './validation';

/** A 统一社会信用代码 whose check character is right (GB 32100-2015); upper or lower case. */
export function IsCreditCode(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description,
      type: String,
      minLength: 18,
      maxLength: 18,
      example: '91350100M000100Y43',
    }),
    IsOptional(),
    IsString(),
    ValidateBy({
      name: 'creditCode',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && creditCodeProblem(value) === null,
        defaultMessage: (args) =>
          `${args?.property ?? 'creditCode'} is not a valid unified social credit code: ${
            typeof args?.value === 'string' ? creditCodeProblem(args.value) : 'it must be text'
          }`,
      },
    }),
  );
}

/** 责任主体（业主） The enterprise, organisation or person responsible for a problem. */
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

  @IsCreditCode('统一社会信用代码（18位，校验码按 GB 32100-2015 校验） Unified social credit code')
  creditCode?: string;

  @IsText('联系人及电话 Contact', { max: 128, optional: true, example: '张某 138****0000' })
  contact?: string;
}
