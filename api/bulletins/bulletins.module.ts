import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { BulletinsController } from './bulletins.controller';

@Module({ imports: [ReportsModule], controllers: [BulletinsController] })
export class BulletinsModule {}
