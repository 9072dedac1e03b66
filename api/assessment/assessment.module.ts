import { Module } from '@nestjs/common';
import { AssessmentController } from './assessment.controller';
import { AssessmentService } from './assessment.service';

/** 考核 (P7): the indicators of every unit's grid work, as JSON or printable documents. */
@Module({ controllers: [AssessmentController], providers: [AssessmentService] })
export class AssessmentModule {}
