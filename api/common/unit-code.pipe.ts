import { Injectable, type PipeTransform } from '@nestjs/common';
import { invalidField } from './problem-factories';

const UNIT_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

/** A unit code in the path, or 400 naming the rule. */
@Injectable()
export class UnitCodeParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UNIT_CODE.test(value)) {
      throw invalidField(
        'unitCode',
        'unit-code',
        'unitCode must be a unit code (letters, digits, - and _, at most 32)',
        { zh: '单位代码由字母、数字、- 和 _ 组成，最多 32 个字符', detail: 'unitCode must be a unit code' },
      );
    }
    return value;
  }
}
