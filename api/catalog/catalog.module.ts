import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module';
import { CatalogController, CatalogSuggestionController } from './catalog.controller';
import { CatalogService } from './catalog.service';

/** 职责清单: the editable responsibility catalog (SPEC §2). */
@Module({
  imports: [OrganisationModule],
  controllers: [CatalogSuggestionController, CatalogController],
  providers: [CatalogService],
})
export class CatalogModule {}
