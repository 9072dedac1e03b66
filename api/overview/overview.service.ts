import { Injectable } from '@nestjs/common';
import { Configuration } from '../../config/configuration';
import { isCountyWide, type Actor } from '../../domain/organisation/roles';
import { IssueRepository, type UnitCountRow } from '../../persistence/repositories/issue.repository';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import { forbidden } from '../common/problem-factories';
import type { ConsoleSettings, CountyMap, CountyOverview, UnitCounts } from './overview.dto';

const TREND_WEEKS = 12;

function counts(row: UnitCountRow): UnitCounts {
  return {
    unitCode: row.unit,
    unitName: row.unit_name ?? row.unit,
    open: row.open,
    overdue: row.overdue,
    escalated: row.escalated,
    closed: row.closed,
  };
}

/** The county-wide figures and map of the 作战图 and overview, from the read model. */
@Injectable()
export class OverviewService {
  constructor(
    private readonly issues: IssueRepository,
    private readonly organisation: OrganisationRepository,
    private readonly config: Configuration,
  ) {}

  async overview(actor: Actor, now = new Date()): Promise<CountyOverview> {
    this.assertCountyWide(actor);
    const from = new Date(now.getTime() - TREND_WEEKS * 7 * 86_400_000);
    const [statuses, byUnit, byTownship, trend] = [
      await this.issues.countsByStatus(),
      await this.issues.countsByUnit('owner'),
      await this.issues.countsByUnit('township'),
      await this.issues.weeklyTrend(from),
    ];
    return {
      generatedAt: now.toISOString(),
      byStatus: Object.fromEntries(statuses.map((row) => [row.status, row.count])),
      byUnit: byUnit.map(counts),
      byTownship: byTownship.map(counts),
      trend,
    };
  }

  async map(actor: Actor): Promise<CountyMap> {
    this.assertCountyWide(actor);
    const [points, grids] = [await this.issues.mapPoints(), await this.organisation.gridBoundaries()];
    return {
      issues: points.map((p) => ({
        code: p.code,
        title: p.title,
        status: p.status,
        category: p.category,
        township: p.township,
        lat: p.lat,
        lng: p.lng,
        overdue: p.overdue,
        escalationLevel: p.escalation_level,
      })),
      grids: grids.map((g) => ({
        code: g.code,
        name: g.name,
        unitCode: g.unit_code,
        kind: g.kind,
        boundary: g.boundary,
      })),
    };
  }

  settings(): ConsoleSettings {
    const [lat, lng, zoom] = this.config.MAP_CENTER.split(',').map(Number);
    return {
      map: {
        tileUrl: this.config.MAP_TILE_URL || null,
        attribution: this.config.MAP_TILE_ATTRIBUTION,
        subdomains: this.config.MAP_TILE_SUBDOMAINS.split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        center: { lat, lng },
        zoom,
      },
    };
  }

  private assertCountyWide(actor: Actor): void {
    if (!isCountyWide(actor))
      throw forbidden(
        'overview-not-in-scope',
        'The county overview is for 县环委办 and the county heads only.',
      );
  }
}
