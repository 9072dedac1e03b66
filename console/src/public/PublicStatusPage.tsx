import { Alert, Card, Descriptions, Input, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiProblem, getJson } from '../api/client';
import { TAG } from '../components/labels';
import { useI18n } from '../i18n';
import { beijing } from '../time';

interface Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  description: string;
  agency_responsible: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string;
}

const path = (code: string) => `/open311/v2/requests/${encodeURIComponent(code)}.json`;

/**
 * The report by its code. A report just received is on record a moment later: a code not found is asked again
 * a few times before the page says so.
 */
async function lookUp(code: string): Promise<Request> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const [request] = await getJson<Request[]>(path(code));
      return request;
    } catch (problem) {
      if (!(problem instanceof ApiProblem) || problem.status !== 404 || attempt === 3) throw problem;
      await new Promise((resolve) => setTimeout(resolve, 600 * attempt));
    }
  }
}

/** A public report's progress by its code (Open311 GET requests/{id}.json). */
export default function PublicStatusPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const code = params.get('code') ?? '';
  const [found, setFound] = useState<Request | null>(null);
  const [error, setError] = useState<string | null>(null);

  const look = useCallback(
    async (value: string) => {
      setFound(null);
      setError(null);
      if (!value) return;
      try {
        setFound(await lookUp(value));
      } catch (problem) {
        setError(
          problem instanceof ApiProblem && problem.status === 404
            ? t('public.status.notFound', { code: value })
            : t('error.network'),
        );
      }
    },
    [t],
  );
  useEffect(() => void look(code), [code, look]);

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('public.status.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('public.status.lead')}</Typography.Paragraph>
      <Input.Search
        aria-label={t('public.status.code')}
        placeholder="2026-000001"
        enterButton={t('public.status.search')}
        defaultValue={code}
        onSearch={(value) => setParams(value.trim() ? { code: value.trim() } : {})}
        style={{ maxWidth: 420, marginBottom: 16 }}
      />
      {error && <Alert type="warning" showIcon message={error} />}
      {found && (
        <Card title={<h2 className="card-title">{`${found.service_request_id} ${found.service_name}`}</h2>}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('issue.status')}>
              <Tag color={found.status === 'closed' ? TAG.green : TAG.blue}>{found.status_notes}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('issue.description')}>{found.description}</Descriptions.Item>
            <Descriptions.Item label={t('public.place')}>{found.address || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('public.status.agency')}>
              {found.agency_responsible || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('issue.reportedAt')}>
              {beijing(found.requested_datetime)}
            </Descriptions.Item>
            <Descriptions.Item label={t('public.status.updated')}>
              {beijing(found.updated_datetime)}
            </Descriptions.Item>
            <Descriptions.Item label={t('public.status.expected')}>
              {beijing(found.expected_datetime)}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
    </>
  );
}
