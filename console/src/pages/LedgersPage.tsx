import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Select, Space, Switch, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { download, getJson } from '../api/client';
import { useUnitNames } from '../api/reference';
import { useSession } from '../api/session';
import { Deadline, EscalationTag, TAG, useLabel } from '../components/labels';
import { DataTable } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { showProblem } from '../components/problems';
import { usePagedList, type PageRequest } from '../components/usePagedList';
import { useI18n } from '../i18n';
import { isCountyWide } from '../layout/menu';
import { beijing } from '../time';

interface LedgerLine {
  issueCode: string;
  title: string;
  categoryName: string;
  townshipName: string;
  roles: string[];
  status: string;
  deadline: string | null;
  overdue: boolean;
  escalationLevel: number;
  reportedAt: string;
  closedAt: string | null;
}

interface Ledger {
  unitCode: string;
  unitName: string;
  items: LedgerLine[];
  total: number;
}

interface Filters {
  role?: string;
  closed?: string;
  overdue: boolean;
  text?: string;
}

const ROLES = ['sector_owner', 'territorial_owner', 'finder'] as const;

/** 台账: a unit's sector and territorial ledgers (L2, L6) with filters, and the printable XLSX and PDF. */
export default function LedgersPage() {
  const { t } = useI18n();
  const label = useLabel();
  const { me } = useSession();
  const { list: units } = useUnitNames();
  const [unit, setUnit] = useState(me?.unitCode ?? '');
  const [filters, setFilters] = useState<Filters>({ overdue: false });
  const countyWide = me ? isCountyWide(me) : false;

  const query = useCallback(
    () => ({
      role: filters.role,
      closed: filters.closed,
      overdue: filters.overdue ? true : undefined,
      text: filters.text?.trim() || undefined,
    }),
    [filters],
  );

  const fetchPage = useCallback(
    (page: PageRequest) =>
      unit
        ? getJson<Ledger>(`/api/v1/ledgers/${encodeURIComponent(unit)}`, {
            query: { ...query(), page: page.page, pageSize: page.pageSize },
          })
        : null,
    [unit, query],
  );
  const { data, loading, error, setError, firstPage, pagination } = usePagedList(fetchPage);

  const exportAs = (format: 'xlsx' | 'pdf') =>
    download(`/api/v1/ledgers/${encodeURIComponent(unit)}/export`, { ...query(), format }).catch(
      (problem: unknown) => setError(showProblem(null, problem, t)),
    );

  const columns: ColumnsType<LedgerLine> = [
    {
      title: t('work.col.code'),
      dataIndex: 'issueCode',
      width: 120,
      render: (code: string) => <Link to={`/issues/${code}`}>{code}</Link>,
    },
    { title: t('work.col.title'), dataIndex: 'title' },
    { title: t('issue.category'), dataIndex: 'categoryName', responsive: ['md'] },
    { title: t('issue.township'), dataIndex: 'townshipName', responsive: ['lg'] },
    {
      title: t('ledger.col.roles'),
      dataIndex: 'roles',
      render: (roles: string[]) => (
        <Space size={4} wrap>
          {roles.map((role) => (
            <Tag key={role}>{t(`ledger.role.${role as (typeof ROLES)[number]}`)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('issue.status'), dataIndex: 'status', render: (status: string) => label('state', status) },
    {
      title: t('work.col.deadline'),
      dataIndex: 'deadline',
      render: (deadline: string | null, row) =>
        row.closedAt ? <span>—</span> : <Deadline iso={deadline} overdue={row.overdue} />,
    },
    {
      title: t('work.col.escalation'),
      dataIndex: 'escalationLevel',
      responsive: ['md'],
      render: (level: number, row) => (
        <Space size={4} wrap>
          {row.overdue && !row.closedAt && <Tag color={TAG.red}>{t('issue.overdue')}</Tag>}
          <EscalationTag level={level} />
        </Space>
      ),
    },
    {
      title: t('ledger.col.closedAt'),
      dataIndex: 'closedAt',
      responsive: ['lg'],
      render: (closedAt: string | null) => (closedAt ? beijing(closedAt) : t('ledger.open')),
    },
  ];

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('menu.ledgers') }]}
        title={t('ledger.title', { unit: data?.unitName ?? '' })}
        subtitle={t('ledger.subtitle')}
        extra={
          <>
            <Button icon={<DownloadOutlined />} onClick={() => void exportAs('xlsx')}>
              {t('ledger.xlsx')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void exportAs('pdf')}>
              {t('ledger.pdf')}
            </Button>
          </>
        }
      />
      <Form
        layout="inline"
        style={{ marginBottom: 12, rowGap: 8 }}
        initialValues={filters}
        onValuesChange={(_, values: Filters) => {
          setFilters(values);
          firstPage();
        }}
      >
        {countyWide && (
          <Form.Item label={t('ledger.unit')}>
            <Select
              showSearch
              optionFilterProp="label"
              value={unit}
              style={{ minWidth: 200 }}
              onChange={(next: string) => {
                setUnit(next);
                firstPage();
              }}
              options={units
                .filter((u) => u.kind !== 'village')
                .map((u) => ({ value: u.code, label: u.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="role" label={t('ledger.filter.role')}>
          <Select
            allowClear
            placeholder={t('work.filter.all')}
            style={{ minWidth: 140 }}
            options={ROLES.map((role) => ({ value: role, label: t(`ledger.role.${role}`) }))}
          />
        </Form.Item>
        <Form.Item name="closed" label={t('ledger.filter.closed')}>
          <Select
            allowClear
            placeholder={t('work.filter.all')}
            style={{ minWidth: 110 }}
            options={[
              { value: 'false', label: t('ledger.open') },
              { value: 'true', label: t('ledger.closed') },
            ]}
          />
        </Form.Item>
        <Form.Item name="overdue" label={t('work.filter.overdue')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="text" label={t('ledger.filter.text')}>
          <Input.Search allowClear style={{ width: 200 }} />
        </Form.Item>
      </Form>
      {error.length > 0 && (
        <Alert type="error" showIcon message={error[0]} description={error[1]} style={{ marginBottom: 12 }} />
      )}
      <DataTable<LedgerLine>
        label={t('ledger.title', { unit: data?.unitName ?? '' })}
        rowKey="issueCode"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        empty={t('ledger.empty')}
        scroll={{ x: 'max-content' }}
        pagination={pagination}
      />
    </>
  );
}
