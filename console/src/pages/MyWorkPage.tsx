import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Select, Space, Switch, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { getJson } from '../api/client';
import { useUnitNames } from '../api/reference';
import type { IssueListItem, Page } from '../api/types';
import { Deadline, EscalationTag, SeverityTag, TAG, useLabel } from '../components/labels';
import { DataTable } from '../components/DataTable';
import { usePagedList, type PageRequest } from '../components/usePagedList';
import { PageHeader } from '../components/PageHeader';
import { useI18n } from '../i18n';

const OPEN_STATES = [
  'reported',
  'transferred',
  'owner_pending',
  'accepted',
  'fix_confirmation',
  'rectifying',
  'joint_investigation',
  'awaiting_acceptance',
  'public_notice',
  'awaiting_signoff',
  'closed',
];

interface Filters {
  status?: string;
  overdue: boolean;
  severity?: string;
}

/** 待办: the open issues awaiting the member's unit (`actionableBy=me`), earliest deadline first. */
export default function MyWorkPage() {
  const { t } = useI18n();
  const label = useLabel();
  const { name } = useUnitNames();
  const [filters, setFilters] = useState<Filters>({ overdue: false });

  const fetchPage = useCallback(
    (page: PageRequest) =>
      getJson<Page<IssueListItem>>('/api/v1/issues', {
        query: {
          actionableBy: 'me',
          sort: 'deadline',
          page: page.page,
          pageSize: page.pageSize,
          status: filters.status,
          severity: filters.severity,
          overdue: filters.overdue ? true : undefined,
        },
      }),
    [filters],
  );
  const { data, loading, error, load, firstPage, pagination } = usePagedList(fetchPage);

  const columns: ColumnsType<IssueListItem> = [
    {
      title: t('work.col.code'),
      dataIndex: 'code',
      render: (code: string) => <Link to={`/issues/${code}`}>{code}</Link>,
      width: 120,
    },
    {
      title: t('work.col.title'),
      dataIndex: 'title',
      render: (title: string, row) => (
        <Space direction="vertical" size={0}>
          <Link to={`/issues/${row.code}`}>{title}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {name(row.township)} · {label('state', row.status)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('work.col.action'),
      dataIndex: 'status',
      render: (status: string) => label('todo', status),
      // On a phone the title cell already names the step; the table then fits without scrolling sideways.
      responsive: ['md'],
    },
    {
      title: t('work.col.deadline'),
      dataIndex: 'deadline',
      render: (deadline: string | null, row) => <Deadline iso={deadline} overdue={row.overdue} />,
      width: 180,
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
      width: 160,
    },
    {
      title: t('work.col.severity'),
      dataIndex: 'severity',
      render: (severity: string) => <SeverityTag severity={severity} />,
      width: 100,
      responsive: ['md'],
    },
  ];

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('menu.work') }]}
        title={t('work.title')}
        subtitle={t('work.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('work.refresh')}
          </Button>
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
        <Form.Item name="status" label={t('work.filter.status')}>
          <Select
            allowClear
            placeholder={t('work.filter.all')}
            style={{ minWidth: 180 }}
            options={OPEN_STATES.map((state) => ({ value: state, label: label('state', state) }))}
          />
        </Form.Item>
        <Form.Item name="severity" label={t('work.filter.severity')}>
          <Select
            allowClear
            placeholder={t('work.filter.all')}
            style={{ minWidth: 110 }}
            options={['general', 'major'].map((s) => ({ value: s, label: label('severity', s) }))}
          />
        </Form.Item>
        <Form.Item name="overdue" label={t('work.filter.overdue')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      {error.length > 0 && <Alert type="error" showIcon message={error[0]} description={error[1]} />}
      <DataTable<IssueListItem>
        label={t('work.title')}
        rowKey="code"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        empty={t('work.empty')}
        scroll={{ x: 'max-content' }}
        pagination={pagination}
      />
    </>
  );
}
