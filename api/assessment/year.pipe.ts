import { Injectable, type PipeTransform } from '@nestjs/common';
import { AssessmentErrors } from './assessment.errors';

/** An assessment year in the path, 2000–2100, or 400 naming the field. */
@Injectable()
export class YearParam implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    // The global pipe may already have turned the text into a number (NaN for "20x7").
    const text = String(value);
    const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
    if (!(year >= 2000 && year <= 2100)) throw AssessmentErrors.badYear(text.slice(0, 16));
    return year;
  }
}
