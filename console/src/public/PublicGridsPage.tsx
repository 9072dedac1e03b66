import { Alert, Card, Col, Input, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { getJson } from '../api/client';
import { useI18n } from '../i18n';

interface Person {
  name: string;
  role: string;
  post: string | null;
  contact: string | null;
}
interface PublicGrid {
  code: string;
  name: string;
  kindLabel: string;
  unitName: string;
  village: string | null;
  heads: Person[];
  members: Person[];
}

/** 网格员公示 (G5): each grid, its heads and members, and only the contacts they chose to publish. */
export default function PublicGridsPage() {
  const { t } = useI18n();
  const [grids, setGrids] = useState<PublicGrid[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [filter, setFilter] = useState('');
  useEffect(() => {
    getJson<{ items: PublicGrid[] }>('/api/v1/public/grids')
      .then((answer) => setGrids(answer.items))
      .catch(() => setFailed(true));
  }, []);
  const shown = (grids ?? []).filter(
    (g) => !filter || `${g.name}${g.unitName}${g.village ?? ''}`.includes(filter),
  );
  const people = (list: Person[]) =>
    list.length === 0
      ? '—'
      : list.map((p) => `${p.name}（${p.role}${p.contact ? `，${p.contact}` : ''}）`).join('；');
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('public.grids.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('public.grids.lead')}</Typography.Paragraph>
      <Input.Search
        aria-label={t('public.grids.search')}
        placeholder={t('public.grids.search')}
        allowClear
        onChange={(event) => setFilter(event.target.value.trim())}
        style={{ maxWidth: 360, marginBottom: 16 }}
      />
      {failed && <Alert type="error" showIcon message={t('error.loadFailed')} />}
      <Row gutter={[12, 12]}>
        {shown.map((grid) => (
          <Col xs={24} md={12} key={grid.code}>
            <Card size="small" title={<h2 className="card-title">{grid.name}</h2>}>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                {grid.unitName} · {grid.kindLabel}
                {grid.village ? ` · ${grid.village}` : ''}
              </Typography.Paragraph>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                <strong>{t('public.grids.heads')}：</strong>
                {people(grid.heads)}
              </Typography.Paragraph>
              <Typography.Paragraph style={{ marginBottom: 0 }}>
                <strong>{t('public.grids.members')}：</strong>
                {people(grid.members)}
              </Typography.Paragraph>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
