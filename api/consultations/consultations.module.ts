import { Module } from '@nestjs/common';
import { IssuesModule } from '../issues/issues.module';
import { ConsultationsController } from './consultations.controller';
import { ConsultationsService } from './consultations.service';

/** 会商 Consultations (P5) and the L12 consultations of the issues they discuss. */
@Module({
  imports: [IssuesModule],
  controllers: [ConsultationsController],
  providers: [ConsultationsService],
})
export class ConsultationsModule {}
