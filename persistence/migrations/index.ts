import { InitialSchema1764400000000 } from './1764400000000-initial-schema';
import { Lifecycle1764500000000 } from './1764500000000-lifecycle';
import { Grids1764600000000 } from './1764600000000-grids';
import { Idempotency1764680000000 } from './1764680000000-idempotency';
import { NotificationDelivery1764700000000 } from './1764700000000-notification-delivery';
import { OrganisationVersions1764800000000 } from './1764800000000-organisation-versions';
import { EvidenceFiles1764900000000 } from './1764900000000-evidence-files';
import { StandingDuties1765000000000 } from './1765000000000-standing-duties';
import { IssueCodeReservations1765100000000 } from './1765100000000-issue-code-reservations';
import { PrefectureSubmissions1765200000000 } from './1765200000000-prefecture-submissions';
import { Accounts1765300000000 } from './1765300000000-accounts';
import { ReportSeals1765400000000 } from './1765400000000-report-seals';
import { PublicConsole1765450000000 } from './1765450000000-public-console';
import { GridAreas1765460000000 } from './1765460000000-grid-areas';
import { OfficialCalendar1765500000000 } from './1765500000000-official-calendar';
import { Records1765600000000 } from './1765600000000-records';
import { Reads1765700000000 } from './1765700000000-reads';

/** Every migration, oldest first. */
export const MIGRATIONS = [
  InitialSchema1764400000000,
  Lifecycle1764500000000,
  Grids1764600000000,
  Idempotency1764680000000,
  NotificationDelivery1764700000000,
  OrganisationVersions1764800000000,
  EvidenceFiles1764900000000,
  StandingDuties1765000000000,
  IssueCodeReservations1765100000000,
  PrefectureSubmissions1765200000000,
  Accounts1765300000000,
  ReportSeals1765400000000,
  PublicConsole1765450000000,
  GridAreas1765460000000,
  OfficialCalendar1765500000000,
  Records1765600000000,
  Reads1765700000000,
];
