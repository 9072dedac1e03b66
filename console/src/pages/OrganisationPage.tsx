import { DownloadOutlined, KeyOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Modal, Popconfirm, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiProblem, download, getJson, postJson, request } from '../api/client';
import { useUnitNames } from '../api/reference';
import { useSession } from '../api/session';
import type { Page } from '../api/types';
import { TAG, useOptionalText } from '../components/labels';
import { DataTable } from '../components/DataTable';
import { FileButton } from '../components/FileButton';
import { PageHeader } from '../components/PageHeader';
import { showProblem } from '../components/problems';
import { useI18n } from '../i18n';
import { isCountyWide } from '../layout/menu';

interface Grid {
  code: string;
  unitCode: string;
  name: string;
  kind: string;
  village: string | null;
  boundary: unknown;
}
interface Member {
  id: string;
  unitCode: string;
  name: string;
  roles: string[];
  gridCode: string | null;
  post: string | null;
  active: boolean;
}
interface Finding {
  rule: string;
  unitCode: string;
  unitName: string | null;
  gridCode?: string;
  message: string;
}
interface RowProblem {
  sheet: string;
  row: number;
  field: string;
  message: string;
}

const HEAD_ROLES = ['sector_head', 'sector_deputy', 'grid_head', 'grid_deputy'];

/**
 * 组织: units, grids, members (password reset by the unit head), the G6 staffing findings and the XLSX import. Each
 * tab is its own component, so a tab keeps its state when the page renders again.
 */
export default function OrganisationPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const countyWide = me ? isCountyWide(me) : false;
  const tabs = [
    { key: 'members', label: t('org.members'), children: <Members /> },
    { key: 'grids', label: t('org.grids'), children: <Grids /> },
    { key: 'units', label: t('org.units'), children: <Units /> },
    ...(countyWide
      ? [
          { key: 'staffing', label: t('org.staffing'), children: <Staffing /> },
          { key: 'import', label: t('org.import'), children: <Import /> },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('menu.organisation') }]}
        title={t('org.title')}
        subtitle={t('org.subtitle')}
      />
      <Tabs items={tabs} />
    </>
  );
}

/** The members of a unit, with a password reset for those the signed-in member may reset. */
function Members() {
  const { t } = useI18n();
  const text = useOptionalText();
  const { me } = useSession();
  const { list: units, name } = useUnitNames();
  const countyWide = me ? isCountyWide(me) : false;
  const roleLabel = (role: string) => text(`role.${role}`, role);
  const [unit, setUnit] = useState(me?.unitCode ?? '');
  const [data, setData] = useState<Page<Member> | null>(null);
  const [page, setPage] = useState(1);
  const [reset, setReset] = useState<{ name: string; password: string } | null>(null);
  const [error, setError] = useState<string[]>([]);
  const load = useCallback(() => {
    getJson<Page<Member>>('/api/v1/members', {
      query: { unit: unit || undefined, active: true, page, pageSize: 20 },
    })
      .then(setData)
      .catch((problem: unknown) => setError(showProblem(null, problem, t)));
  }, [unit, page, t]);
  useEffect(load, [load]);
  const mayReset = (member: Member) =>
    !!me &&
    member.id !== me.id &&
    (me.unitKind === 'office' ||
      (member.unitCode === me.unitCode && me.roles.some((r) => HEAD_ROLES.includes(r))));
  const resetPassword = async (member: Member) => {
    try {
      const answer = await postJson<{ temporaryPassword: string }>(
        `/api/v1/members/${encodeURIComponent(member.id)}/password-reset`,
        {},
      );
      setReset({ name: member.name, password: answer.temporaryPassword });
    } catch (problem) {
      setError(showProblem(null, problem, t));
    }
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <span id="org-unit-label">{t('ledger.unit')}</span>
        <Select
          aria-labelledby="org-unit-label"
          showSearch
          allowClear={countyWide}
          optionFilterProp="label"
          value={unit || undefined}
          placeholder={t('work.filter.all')}
          style={{ minWidth: 220 }}
          onChange={(next?: string) => {
            setUnit(next ?? '');
            setPage(1);
          }}
          options={units.map((u) => ({ value: u.code, label: u.name }))}
        />
      </Space>
      {error.length > 0 && (
        <Alert type="error" showIcon message={error[0]} description={error[1]} style={{ marginBottom: 12 }} />
      )}
      <DataTable<Member>
        label={t('org.members')}
        rowKey="id"
        size="small"
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('org.name'), dataIndex: 'name' },
          {
            title: t('ledger.unit'),
            dataIndex: 'unitCode',
            render: (code: string) => name(code),
            responsive: ['md'],
          },
          {
            title: t('org.grid'),
            dataIndex: 'gridCode',
            render: (code: string | null) => code ?? '—',
            responsive: ['lg'],
          },
          {
            title: t('org.roles'),
            dataIndex: 'roles',
            render: (roles: string[]) => (
              <Space size={4} wrap>
                {roles.map((role) => (
                  <Tag key={role}>{roleLabel(role)}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('org.actions'),
            key: 'actions',
            render: (_: unknown, member) =>
              mayReset(member) ? (
                <Popconfirm
                  title={t('org.resetConfirm', { name: member.name })}
                  onConfirm={() => void resetPassword(member)}
                  okText={t('org.reset')}
                  cancelText={t('form.cancel')}
                >
                  <Button size="small" icon={<KeyOutlined />}>
                    {t('org.reset')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!reset}
        onCancel={() => setReset(null)}
        onOk={() => setReset(null)}
        title={t('org.resetDone', { name: reset?.name ?? '' })}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText={t('common.close')}
      >
        <Typography.Paragraph>{t('org.resetHint')}</Typography.Paragraph>
        <Typography.Paragraph copyable strong style={{ fontSize: 18 }}>
          {reset?.password}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}

/** The grids: the county's all of them, a unit's its own. */
function Grids() {
  const { t } = useI18n();
  const text = useOptionalText();
  const { me } = useSession();
  const { name } = useUnitNames();
  const countyWide = me ? isCountyWide(me) : false;
  const [data, setData] = useState<Page<Grid> | null>(null);
  const [page, setPage] = useState(1);
  useEffect(() => {
    getJson<Page<Grid>>('/api/v1/grids', {
      query: { unit: countyWide ? undefined : me?.unitCode, page, pageSize: 20 },
    })
      .then(setData)
      .catch(() => setData(null));
  }, [page, countyWide, me?.unitCode]);
  return (
    <DataTable<Grid>
      label={t('org.grids')}
      rowKey="code"
      size="small"
      dataSource={data?.items ?? []}
      scroll={{ x: 'max-content' }}
      pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
      columns={[
        { title: t('org.code'), dataIndex: 'code' },
        { title: t('org.name'), dataIndex: 'name' },
        { title: t('ledger.unit'), dataIndex: 'unitCode', render: (code: string) => name(code) },
        {
          title: t('org.kind'),
          dataIndex: 'kind',
          render: (kind: string) => text(`gridKind.${kind}`, kind),
        },
        {
          title: t('org.village'),
          dataIndex: 'village',
          render: (v: string | null) => v ?? '—',
          responsive: ['md'],
        },
        {
          title: t('org.boundary'),
          dataIndex: 'boundary',
          render: (b: unknown) => (b ? t('form.yes') : t('form.no')),
          responsive: ['md'],
        },
      ]}
    />
  );
}

/** The units of the county. */
function Units() {
  const { t } = useI18n();
  const text = useOptionalText();
  const { list: units, name } = useUnitNames();
  return (
    <DataTable
      label={t('org.units')}
      rowKey="code"
      size="small"
      dataSource={units}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('org.code'), dataIndex: 'code' },
        { title: t('org.name'), dataIndex: 'name' },
        {
          title: t('org.kind'),
          dataIndex: 'kind',
          render: (kind: string) => text(`unitKind.${kind}`, kind),
        },
        {
          title: t('org.parent'),
          dataIndex: 'parentCode',
          render: (code: string | null) => (code ? name(code) : '—'),
        },
      ]}
    />
  );
}

/** G6: where the grid system's staffing breaks the rules. */
function Staffing() {
  const { t } = useI18n();
  const [findings, setFindings] = useState<Finding[] | null>(null);
  useEffect(() => {
    getJson<{ findings: Finding[] }>('/api/v1/organisation/staffing-report')
      .then((answer) => setFindings(answer.findings))
      .catch(() => setFindings([]));
  }, []);
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text>{t('org.staffingCount', { count: findings?.length ?? 0 })}</Typography.Text>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => void download('/api/v1/organisation/staffing-report', { format: 'xlsx' })}
        >
          {t('ledger.xlsx')}
        </Button>
      </Space>
      <DataTable<Finding>
        label={t('org.staffing')}
        rowKey={(f) => `${f.rule}-${f.unitCode}-${f.gridCode ?? ''}-${f.message}`}
        size="small"
        loading={findings === null}
        dataSource={findings ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('org.rule'),
            dataIndex: 'rule',
            render: (rule: string) => <Tag color={TAG.orange}>{rule}</Tag>,
          },
          {
            title: t('ledger.unit'),
            dataIndex: 'unitName',
            render: (n: string | null, f) => n ?? f.unitCode,
          },
          { title: t('org.grid'), dataIndex: 'gridCode', render: (code?: string) => code ?? '—' },
          { title: t('org.finding'), dataIndex: 'message' },
        ]}
      />
    </>
  );
}

/** The roster's XLSX or CSV import, checked first, with the rows it refuses. */
function Import() {
  const { t } = useI18n();
  const [files, setFiles] = useState<File[]>([]);
  const [dryRun, setDryRun] = useState(true);
  const [busy, setBusy] = useState(false);
  const [rows, setRows] = useState<RowProblem[]>([]);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string[]>([]);
  const send = async () => {
    setBusy(true);
    setRows([]);
    setResult(null);
    setError([]);
    const form = new FormData();
    files.forEach((file) => form.append('files', file, file.name));
    try {
      const response = await request('/api/v1/organisation/import', {
        method: 'POST',
        form,
        query: { dryRun: dryRun || undefined },
      });
      const answer = (await response.json()) as {
        dryRun: boolean;
        grids: { inserted: number; updated: number };
        members: { inserted: number; updated: number };
      };
      setResult(
        t(answer.dryRun ? 'org.importChecked' : 'org.importDone', {
          grids: answer.grids.inserted + answer.grids.updated,
          members: answer.members.inserted + answer.members.updated,
        }),
      );
    } catch (problem) {
      if (problem instanceof ApiProblem && Array.isArray(problem.extra.rows))
        setRows(problem.extra.rows as RowProblem[]);
      setError(showProblem(null, problem, t).slice(0, 2));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph>{t('org.importHint')}</Typography.Paragraph>
      <Space wrap>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => void download('/api/v1/organisation/import/template.xlsx')}
        >
          {t('org.template')}
        </Button>
        <FileButton
          label={t('org.chooseFiles')}
          icon={<UploadOutlined />}
          accept=".xlsx,.csv"
          multiple
          onFiles={(picked) => setFiles(picked.slice(0, 2))}
        />
        <Checkbox checked={dryRun} onChange={(event) => setDryRun(event.target.checked)}>
          {t('org.dryRun')}
        </Checkbox>
        <Button type="primary" disabled={files.length === 0} loading={busy} onClick={() => void send()}>
          {t('org.importSubmit')}
        </Button>
      </Space>
      {files.length > 0 && (
        <Typography.Text type="secondary">{files.map((f) => f.name).join('，')}</Typography.Text>
      )}
      {result && <Alert type="success" showIcon message={result} />}
      {error.length > 0 && <Alert type="error" showIcon message={error[0]} description={error[1]} />}
      {rows.length > 0 && (
        <DataTable<RowProblem>
          label={t('org.import')}
          rowKey={(r) => `${r.sheet}-${r.row}-${r.field}`}
          size="small"
          dataSource={rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: t('org.sheet'), dataIndex: 'sheet' },
            { title: t('org.row'), dataIndex: 'row' },
            { title: t('org.field'), dataIndex: 'field' },
            { title: t('org.problem'), dataIndex: 'message' },
          ]}
        />
      )}
    </Space>
  );
}
