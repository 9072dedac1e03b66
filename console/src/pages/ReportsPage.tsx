import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { download, getJson, newIdempotencyKey, postJson } from '../api/client';
import { useI18n } from '../i18n';
import { TAG, useOptionalText } from '../components/labels';
import { DataTable } from '../components/DataTable';
import { usePagedList, type PageRequest } from '../components/usePagedList';
import { PageHeader } from '../components/PageHeader';
import { showProblem } from '../components/problems';
import { beijing } from '../time';

interface ReportItem {
  id: string;
  kind: string;
  kindLabel: string;
  unitCode: string;
  unitName: string;
  period: string;
  periodLabel: string;
  dueAt: string | null;
  status: 'draft' | 'submitted';
  revision: number;
  submittedAt: string | null;
  late: boolean;
  approvedByName: string | null;
}

interface ReportDetail extends ReportItem {
  content: { narrative?: Record<string, string> };
  seal: { approvedByName: string; approvedAt: string; sealHash: string } | null;
}

const KINDS = [
  'weekly',
  'monthly_summary',
  'risk_warning',
  'annual_self_assessment',
  'dual_dispatch',
  'annual_county',
  'bulletin',
];

const path = (r: ReportItem) =>
  `/api/v1/reports/${r.kind}/${encodeURIComponent(r.unitCode)}/${encodeURIComponent(r.period)}`;

/** 报告: the units' weekly, monthly and annual materials, drafted by their clocks; revise, approve and download. */
export default function ReportsPage() {
  const { t } = useI18n();
  const text = useOptionalText();
  const { message } = AntApp.useApp();
  const [filters, setFilters] = useState<{ kind?: string; status?: string }>({});
  const [open, setOpen] = useState<ReportDetail | null>(null);
  const [form] = Form.useForm<Record<string, string>>();
  const [busy, setBusy] = useState(false);
  const [drawerError, setDrawerError] = useState<string[]>([]);

  const fetchPage = useCallback(
    (page: PageRequest) =>
      getJson<{ items: ReportItem[]; total: number }>('/api/v1/reports', {
        query: { ...filters, page: page.page, pageSize: page.pageSize },
      }),
    [filters],
  );
  const { data, loading, error, setError, load, firstPage, pagination } = usePagedList(fetchPage);

  const openReport = async (item: ReportItem) => {
    setDrawerError([]);
    try {
      const detail = await getJson<ReportDetail>(path(item));
      setOpen(detail);
      form.setFieldsValue(detail.content.narrative ?? {});
    } catch (problem) {
      setError(showProblem(null, problem, t));
    }
  };

  const act = async (what: 'save' | 'redraft' | 'approve') => {
    if (!open) return;
    setBusy(true);
    setDrawerError([]);
    try {
      if (what === 'approve') {
        await postJson(
          `${path(open)}/approve`,
          { revision: open.revision },
          { idempotencyKey: newIdempotencyKey() },
        );
        message.success(t('reports.approved'));
      } else {
        const body = what === 'redraft' ? { redraft: true } : { narrative: form.getFieldsValue() };
        await postJson(`${path(open)}/revise`, body, { idempotencyKey: newIdempotencyKey() });
        message.success(what === 'redraft' ? t('reports.redrafted') : t('reports.saved'));
      }
      await openReport(open);
      void load();
    } catch (problem) {
      setDrawerError(showProblem(form, problem, t));
    } finally {
      setBusy(false);
    }
  };

  const columns: ColumnsType<ReportItem> = [
    {
      title: t('reports.col.kind'),
      dataIndex: 'kindLabel',
      render: (kindLabel: string, row) => (
        <Button
          type="link"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
          onClick={() => void openReport(row)}
        >
          {kindLabel}
        </Button>
      ),
    },
    { title: t('ledger.unit'), dataIndex: 'unitName' },
    { title: t('reports.col.period'), dataIndex: 'periodLabel' },
    {
      title: t('reports.col.due'),
      dataIndex: 'dueAt',
      render: (d: string | null) => beijing(d),
      responsive: ['md'],
    },
    {
      title: t('issue.status'),
      dataIndex: 'status',
      render: (status: string, row) => (
        <Space size={4} wrap>
          <Tag color={status === 'submitted' ? TAG.green : TAG.blue}>
            {t(status === 'submitted' ? 'reports.submitted' : 'reports.draft')}
          </Tag>
          {row.late && <Tag color={TAG.red}>{t('reports.late')}</Tag>}
        </Space>
      ),
    },
    { title: t('reports.col.revision'), dataIndex: 'revision', responsive: ['lg'] },
  ];

  const narrativeKeys = Object.keys(open?.content.narrative ?? {});
  const submitted = open?.status === 'submitted';

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('menu.reports') }]}
        title={t('reports.title')}
        subtitle={t('reports.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('work.refresh')}
          </Button>
        }
      />
      <Form
        layout="inline"
        style={{ marginBottom: 12, rowGap: 8 }}
        onValuesChange={(_, values: { kind?: string; status?: string }) => {
          setFilters(values);
          firstPage();
        }}
      >
        <Form.Item name="kind" label={t('reports.col.kind')}>
          <Select
            allowClear
            placeholder={t('work.filter.all')}
            style={{ minWidth: 200 }}
            options={KINDS.map((kind) => ({
              value: kind,
              label: text(`reports.kind.${kind}`, kind),
            }))}
          />
        </Form.Item>
        <Form.Item name="status" label={t('issue.status')}>
          <Select
            allowClear
            placeholder={t('work.filter.all')}
            style={{ minWidth: 110 }}
            options={[
              { value: 'draft', label: t('reports.draft') },
              { value: 'submitted', label: t('reports.submitted') },
            ]}
          />
        </Form.Item>
      </Form>
      {error.length > 0 && (
        <Alert type="error" showIcon message={error[0]} description={error[1]} style={{ marginBottom: 12 }} />
      )}
      <DataTable<ReportItem>
        label={t('reports.title')}
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        empty={t('reports.empty')}
        scroll={{ x: 'max-content' }}
        pagination={pagination}
      />
      <Drawer
        open={!!open}
        onClose={() => setOpen(null)}
        width={Math.min(720, window.innerWidth)}
        title={open ? `${open.kindLabel} · ${open.periodLabel}` : ''}
        extra={
          open && (
            <Space>
              <Button
                icon={<DownloadOutlined />}
                onClick={() => void download(`${path(open)}/document`, { format: 'pdf' })}
              >
                PDF
              </Button>
              <Button
                icon={<DownloadOutlined />}
                onClick={() => void download(`${path(open)}/document`, { format: 'xlsx' })}
              >
                XLSX
              </Button>
            </Space>
          )
        }
      >
        {open && (
          <>
            <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('ledger.unit')}>{open.unitName}</Descriptions.Item>
              <Descriptions.Item label={t('reports.col.due')}>{beijing(open.dueAt)}</Descriptions.Item>
              <Descriptions.Item label={t('reports.col.revision')}>{open.revision}</Descriptions.Item>
              <Descriptions.Item label={t('issue.status')}>
                {submitted
                  ? t('reports.submittedBy', {
                      name: open.seal?.approvedByName ?? '',
                      time: beijing(open.seal?.approvedAt),
                    })
                  : t('reports.draft')}
              </Descriptions.Item>
              {open.seal && (
                <Descriptions.Item label={t('reports.seal')}>
                  <Typography.Text code>{open.seal.sealHash.slice(0, 16)}…</Typography.Text>{' '}
                  <Link to="/public/seal">{t('reports.sealVerify')}</Link>
                </Descriptions.Item>
              )}
            </Descriptions>
            <Typography.Paragraph type="secondary">{t('reports.narrativeHint')}</Typography.Paragraph>
            <Form form={form} layout="vertical" disabled={submitted}>
              {narrativeKeys.map((key) => (
                <Form.Item key={key} name={key} label={text(`reports.part.${key}`, key)}>
                  <Input.TextArea rows={4} maxLength={20_000} />
                </Form.Item>
              ))}
            </Form>
            {drawerError.length > 0 && (
              <Alert
                type="error"
                showIcon
                message={drawerError[0]}
                description={drawerError.slice(1).join('；') || undefined}
                style={{ marginBottom: 12 }}
              />
            )}
            {!submitted && (
              <Space wrap>
                <Button type="primary" loading={busy} onClick={() => void act('save')}>
                  {t('reports.save')}
                </Button>
                <Button loading={busy} onClick={() => void act('redraft')}>
                  {t('reports.redraft')}
                </Button>
                <Popconfirm
                  title={t('reports.approveConfirm')}
                  onConfirm={() => void act('approve')}
                  okText={t('reports.approve')}
                  cancelText={t('form.cancel')}
                >
                  <Button loading={busy}>{t('reports.approve')}</Button>
                </Popconfirm>
              </Space>
            )}
          </>
        )}
      </Drawer>
    </>
  );
}
