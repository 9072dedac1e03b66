import { Module } from '@nestjs/common';
import { AreasController } from './areas.controller';
import { AreasService } from './areas.service';
import {
  GridsController,
  KeyPointsController,
  MembersController,
  UnitsController,
} from './organisation-crud.controllers';
import { OrganisationImportController } from './organisation-import.controller';
import { OrganisationImportService } from './organisation-import.service';
import { OrganisationTables } from './organisation-tables';
import { OrganisationService } from './organisation.service';
import { PublicGridsController } from './public-grids.controller';
import { StaffingReportController } from './staffing-report.controller';

/** 网格体系: units, grids, key points and members; the import, the G6 report and the G5 public listing. */
@Module({
  controllers: [
    UnitsController,
    GridsController,
    KeyPointsController,
    MembersController,
    OrganisationImportController,
    StaffingReportController,
    PublicGridsController,
    AreasController,
  ],
  providers: [OrganisationService, OrganisationTables, OrganisationImportService, AreasService],
  exports: [OrganisationTables],
})
export class OrganisationModule {}
