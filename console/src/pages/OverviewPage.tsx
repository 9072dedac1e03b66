import { Alert, Card, Col, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { getJson } from '../api/client';
import { useUnitNames } from '../api/reference';
import { mapSettings, type MapSettings } from '../api/settings';
import type { IssueListItem, Page } from '../api/types';
import { Loading } from '../App';
import { Deadline, EscalationTag, TAG, useLabel } from '../components/labels';
import { DataTable } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { showProblem } from '../components/problems';
import { useI18n } from '../i18n';
import { beijing, isoWeek } from '../time';

const MapView = lazy(() => import('../map/MapView'));
const Chart = lazy(() => import('../charts/Chart'));

interface UnitCounts {
  unitCode: string;
  unitName: string;
  open: number;
  overdue: number;
  escalated: number;
  closed: number;
}
interface Overview {
  generatedAt: string;
  byStatus: Record<string, number>;
  byUnit: UnitCounts[];
  byTownship: UnitCounts[];
  trend: Array<{ week: string; reported: number; closed: number }>;
}
interface CountyMap {
  issues: Array<{
    code: string;
    title: string;
    status: string;
    township: string;
    lat: number;
    lng: number;
    overdue: boolean;
    escalationLevel: number;
  }>;
  grids: Array<{ code: string; name: string; unitCode: string; boundary: Record<string, unknown> }>;
}
interface MissingReports {
  periodLabel: string;
  dueAt: string | null;
  expected: number;
  onTime: Array<{ unitCode: string; unitName: string }>;
  late: Array<{ unitCode: string; unitName: string; submittedAt: string }>;
  missing: Array<{ unitCode: string; unitName: string; chased: number }>;
}
interface Assessment {
  note: string;
  units: Array<{
    unitCode: string;
    unitName: string;
    indicators: Array<{ number: number; label: string; score: number | null }>;
  }>;
}

const CLOSED = ['closed', 'archived'];

/** The last twelve weeks, each with its counts: the API sends only the weeks that had any. */
function twelveWeeks(weeks: Overview['trend']): Overview['trend'] {
  const byWeek = new Map(weeks.map((w) => [w.week, w]));
  for (let back = 11; back >= 0; back -= 1) {
    const week = isoWeek(back);
    if (!byWeek.has(week)) byWeek.set(week, { week, reported: 0, closed: 0 });
  }
  return [...byWeek.values()].sort((a, b) => a.week.localeCompare(b.week)).slice(-12);
}

/** Colour of a state on the map: red overdue, orange escalated, blue in hand, green awaiting closure. */
function statusColor(status: string, overdue: boolean, level: number): string {
  if (overdue) return TAG.red;
  if (level > 0) return TAG.orange;
  if (['public_notice', 'awaiting_signoff', 'awaiting_acceptance'].includes(status)) return TAG.green;
  if (status === 'reported' || status === 'transferred' || status === 'owner_pending') return TAG.grey;
  return TAG.blue;
}

/**
 * 作战图 and the county's overview (P9) for 县环委办 and the county heads: the map of issues by grid, township and
 * status, counts and trends by unit, the overdue and escalated lists, who is late with the weekly report, and the
 * assessment table.
 */
export default function OverviewPage() {
  const { t } = useI18n();
  const label = useLabel();
  const { name } = useUnitNames();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [map, setMap] = useState<CountyMap | null>(null);
  const [settings, setSettings] = useState<MapSettings | null>(null);
  const [escalated, setEscalated] = useState<IssueListItem[]>([]);
  const [weekly, setWeekly] = useState<MissingReports | null>(null);
  const [assessment, setAssessment] = useState<Assessment | null>(null);
  const [week, setWeek] = useState(isoWeek(1));
  const [township, setTownship] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [error, setError] = useState<string[]>([]);
  const year = new Date().getFullYear();

  useEffect(() => {
    const fail = (problem: unknown) => setError(showProblem(null, problem, t));
    getJson<Overview>('/api/v1/overview').then(setOverview).catch(fail);
    getJson<CountyMap>('/api/v1/overview/map').then(setMap).catch(fail);
    void mapSettings().then(setSettings);
    getJson<Page<IssueListItem>>('/api/v1/issues', {
      query: { escalationLevel: 1, sort: 'deadline', pageSize: 50 },
    })
      .then(async (ladder) => {
        const overdue = await getJson<Page<IssueListItem>>('/api/v1/issues', {
          query: { overdue: true, sort: 'deadline', pageSize: 50 },
        });
        const seen = new Set(ladder.items.map((i) => i.code));
        setEscalated([...ladder.items, ...overdue.items.filter((i) => !seen.has(i.code))]);
      })
      .catch(fail);
    getJson<Assessment>(`/api/v1/assessment/${year}`)
      .then(setAssessment)
      .catch(() => setAssessment(null));
  }, [t, year]);

  useEffect(() => {
    getJson<MissingReports>('/api/v1/reports/missing', { query: { kind: 'weekly', period: week } })
      .then(setWeekly)
      .catch(() => setWeekly(null));
  }, [week]);

  const points = useMemo(
    () =>
      (map?.issues ?? [])
        .filter((i) => (!township || i.township === township) && (!status || i.status === status))
        .map((i) => ({
          id: i.code,
          lat: i.lat,
          lng: i.lng,
          color: statusColor(i.status, i.overdue, i.escalationLevel),
          emphasis: i.overdue || i.escalationLevel > 0,
          label: `${i.code} ${i.title} · ${label('state', i.status)}`,
          href: `/issues/${i.code}`,
        })),
    // label changes with the language only
    [map, township, status, label],
  );
  const areas = useMemo(
    () =>
      (map?.grids ?? [])
        .filter((g) => !township || g.unitCode === township)
        .map((g) => ({ id: g.code, name: g.name, boundary: g.boundary })),
    [map, township],
  );

  const open = overview
    ? Object.entries(overview.byStatus)
        .filter(([s]) => !CLOSED.includes(s))
        .reduce((sum, [, n]) => sum + n, 0)
    : 0;
  const overdueCount = overview?.byUnit.reduce((sum, u) => sum + u.overdue, 0) ?? 0;
  const escalatedCount = overview?.byUnit.reduce((sum, u) => sum + u.escalated, 0) ?? 0;
  const closedCount = overview ? CLOSED.reduce((sum, s) => sum + (overview.byStatus[s] ?? 0), 0) : 0;
  const topUnits = (overview?.byUnit ?? []).filter((u) => u.open + u.closed > 0).slice(0, 12);
  const trend = useMemo(() => twelveWeeks(overview?.trend ?? []), [overview]);

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('menu.overview') }]}
        title={t('overview.title')}
        subtitle={overview ? t('overview.asOf', { time: beijing(overview.generatedAt) }) : undefined}
      />
      {error.length > 0 && (
        <Alert type="error" showIcon message={error[0]} description={error[1]} style={{ marginBottom: 12 }} />
      )}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {[
          { key: 'open', value: open },
          { key: 'overdue', value: overdueCount },
          { key: 'escalated', value: escalatedCount },
          { key: 'closed', value: closedCount },
        ].map((stat) => (
          <Col xs={12} md={6} key={stat.key}>
            <Card size="small">
              <Statistic
                title={t(`overview.stat.${stat.key as 'open' | 'overdue' | 'escalated' | 'closed'}`)}
                value={stat.value}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={<h2 className="card-title">{t('overview.map')}</h2>}
        extra={
          <Space wrap>
            <Select
              allowClear
              aria-label={t('issue.township')}
              placeholder={t('overview.allTownships')}
              style={{ minWidth: 150 }}
              value={township}
              onChange={setTownship}
              options={(overview?.byTownship ?? []).map((u) => ({ value: u.unitCode, label: u.unitName }))}
            />
            <Select
              allowClear
              aria-label={t('issue.status')}
              placeholder={t('overview.allStates')}
              style={{ minWidth: 150 }}
              value={status}
              onChange={setStatus}
              options={Object.keys(overview?.byStatus ?? {})
                .filter((s) => !CLOSED.includes(s))
                .map((s) => ({ value: s, label: label('state', s) }))}
            />
          </Space>
        }
      >
        {settings && map ? (
          <Suspense fallback={<Loading />}>
            <MapView
              settings={settings}
              points={points}
              areas={areas}
              height={420}
              label={t('overview.map')}
            />
          </Suspense>
        ) : (
          <Loading />
        )}
        <div className="map-legend">
          {[
            [TAG.red, t('overview.legend.overdue')],
            [TAG.orange, t('overview.legend.escalated')],
            [TAG.blue, t('overview.legend.inHand')],
            [TAG.grey, t('overview.legend.new')],
            [TAG.green, t('overview.legend.closing')],
          ].map(([color, text]) => (
            <span key={text}>
              <span className="map-legend-dot" style={{ background: color }} />
              {text}
            </span>
          ))}
          <span>
            {t('overview.gridCount', { count: map?.grids.length ?? 0 })} ·{' '}
            {t('overview.pointCount', { count: points.length })}
          </span>
        </div>
      </Card>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={<h2 className="card-title">{t('overview.byUnit')}</h2>}>
            {overview && (
              <Suspense fallback={<Loading />}>
                <Chart
                  horizontal
                  height={Math.max(200, topUnits.length * 28 + 60)}
                  categories={topUnits.map((u) => u.unitName)}
                  summary={topUnits
                    .map((u) =>
                      t('overview.unitSummary', { unit: u.unitName, open: u.open, overdue: u.overdue }),
                    )
                    .join('；')}
                  series={[
                    {
                      name: t('overview.stat.open'),
                      type: 'bar',
                      stack: 'n',
                      color: TAG.blue,
                      data: topUnits.map((u) => u.open - u.overdue),
                    },
                    {
                      name: t('overview.stat.overdue'),
                      type: 'bar',
                      stack: 'n',
                      color: TAG.red,
                      data: topUnits.map((u) => u.overdue),
                    },
                    {
                      name: t('overview.stat.closed'),
                      type: 'bar',
                      stack: 'n',
                      color: TAG.green,
                      data: topUnits.map((u) => u.closed),
                    },
                  ]}
                />
              </Suspense>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={<h2 className="card-title">{t('overview.trend')}</h2>}>
            {overview && (
              <Suspense fallback={<Loading />}>
                <Chart
                  height={260}
                  categories={trend.map((w) => w.week)}
                  summary={trend
                    .map((w) =>
                      t('overview.weekSummary', { week: w.week, reported: w.reported, closed: w.closed }),
                    )
                    .join('；')}
                  series={[
                    {
                      name: t('overview.reported'),
                      type: 'line',
                      color: TAG.orange,
                      data: trend.map((w) => w.reported),
                    },
                    {
                      name: t('overview.stat.closed'),
                      type: 'line',
                      color: TAG.green,
                      data: trend.map((w) => w.closed),
                    },
                  ]}
                />
              </Suspense>
            )}
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={<h2 className="card-title">{t('overview.escalatedList')}</h2>}
      >
        <DataTable<IssueListItem>
          label={t('overview.escalatedList')}
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={escalated}
          scroll={{ x: 'max-content' }}
          empty={t('overview.noEscalated')}
          columns={[
            {
              title: t('work.col.code'),
              dataIndex: 'code',
              render: (code: string) => <Link to={`/issues/${code}`}>{code}</Link>,
            },
            { title: t('work.col.title'), dataIndex: 'title' },
            {
              title: t('issue.owner'),
              dataIndex: 'owner',
              render: (owner: string | null, row) => name(owner ?? row.sectorOwner),
            },
            { title: t('issue.status'), dataIndex: 'status', render: (s: string) => label('state', s) },
            {
              title: t('work.col.deadline'),
              dataIndex: 'deadline',
              render: (d: string | null, row) => <Deadline iso={d} overdue={row.overdue} />,
            },
            {
              title: t('work.col.escalation'),
              dataIndex: 'escalationLevel',
              render: (level: number, row) => (
                <Space size={4} wrap>
                  {row.overdue && <Tag color={TAG.red}>{t('issue.overdue')}</Tag>}
                  <EscalationTag level={level} />
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Row gutter={[12, 12]}>
        <Col span={24}>
          <Card
            size="small"
            title={<h2 className="card-title">{t('overview.weekly')}</h2>}
            extra={
              <Select
                aria-label={t('overview.week')}
                value={week}
                onChange={setWeek}
                style={{ width: 130 }}
                options={[0, 1, 2, 3].map((n) => ({ value: isoWeek(n), label: isoWeek(n) }))}
              />
            }
          >
            {weekly ? (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text>
                  {t('overview.weeklySummary', {
                    period: weekly.periodLabel,
                    expected: weekly.expected,
                    onTime: weekly.onTime.length,
                    late: weekly.late.length,
                    missing: weekly.missing.length,
                  })}
                </Typography.Text>
                {weekly.dueAt && (
                  <Typography.Text type="secondary">
                    {t('overview.dueAt', { time: beijing(weekly.dueAt) })}
                  </Typography.Text>
                )}
                <Typography.Text strong>{t('overview.missing')}</Typography.Text>
                <Space size={[4, 4]} wrap>
                  {weekly.missing.length === 0
                    ? t('issue.none')
                    : weekly.missing.map((u) => (
                        <Tag color={TAG.red} key={u.unitCode}>
                          {u.unitName}
                        </Tag>
                      ))}
                </Space>
                <Typography.Text strong>{t('overview.late')}</Typography.Text>
                <Space size={[4, 4]} wrap>
                  {weekly.late.length === 0
                    ? t('issue.none')
                    : weekly.late.map((u) => (
                        <Tag color={TAG.orange} key={u.unitCode}>
                          {u.unitName}
                        </Tag>
                      ))}
                </Space>
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('overview.noWeekly')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={<h2 className="card-title">{t('overview.assessment', { year })}</h2>}>
            {assessment ? (
              <>
                <DataTable<Assessment['units'][number]>
                  label={t('overview.assessment', { year })}
                  rowKey="unitCode"
                  size="small"
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  scroll={{ x: 'max-content' }}
                  dataSource={assessment.units}
                  columns={[
                    { title: t('ledger.unit'), dataIndex: 'unitName' },
                    ...[0, 1, 2, 3].map((i) => ({
                      title: assessment.units[0]?.indicators[i]?.label ?? `(${i + 1})`,
                      key: String(i),
                      render: (_: unknown, row: Assessment['units'][number]) =>
                        row.indicators[i]?.score ?? '—',
                    })),
                  ]}
                />
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
                  {assessment.note}
                </Typography.Paragraph>
              </>
            ) : (
              <Loading />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
