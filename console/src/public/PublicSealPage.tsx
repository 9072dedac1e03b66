import { FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Card, Collapse, Descriptions, Input, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { getJson, postJson, request } from '../api/client';
import { FileButton } from '../components/FileButton';
import { TAG } from '../components/labels';
import { showProblem } from '../components/problems';
import { useI18n, type MessageKey } from '../i18n';
import { beijing } from '../time';

interface SealKey {
  id: string;
  publicKeyPem: string;
  validFrom: string;
  validUntil: string | null;
  active: boolean;
}

interface PublicKeys {
  standards: string;
  keys: SealKey[];
}

/** `POST /api/v1/seal/verify`'s answer (P10). */
interface Verification {
  valid: boolean;
  verdict: 'sealed' | 'altered' | 'legacy' | 'unknown';
  checked: { sm3?: string; sha256?: string; digest?: string; bytes?: number };
  report: {
    id: string;
    kindLabel: string;
    unitName: string;
    periodLabel: string;
    revision: number;
    approvedByName: string | null;
    approvedAt: string | null;
  } | null;
  seal: { keyId: string; signedAt: string; document: { sm3: string; sha256: string } } | null;
}

const ALERT: Record<Verification['verdict'], 'success' | 'warning' | 'error'> = {
  sealed: 'success',
  legacy: 'warning',
  altered: 'error',
  unknown: 'error',
};

/**
 * 验证电子签章: whoever receives a sealed report (a prefecture clerk, the county leadership) uploads its PDF, or
 * pastes its digest, and reads whether the county sealed it and whether it changed since; no account needed.
 */
export default function PublicSealPage() {
  const { t } = useI18n();
  const [file, setFile] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Verification | null>(null);
  const [error, setError] = useState<string[]>([]);
  const [keys, setKeys] = useState<PublicKeys | null>(null);

  useEffect(() => {
    getJson<PublicKeys>('/api/v1/seal/public-keys')
      .then(setKeys)
      .catch(() => setKeys(null));
  }, []);

  const verify = async (send: () => Promise<Verification>) => {
    setBusy(true);
    setAnswer(null);
    setError([]);
    try {
      setAnswer(await send());
    } catch (problem) {
      setError(showProblem(null, problem, t));
    } finally {
      setBusy(false);
    }
  };
  const verifyFile = (picked: File) => {
    setFile(picked.name);
    const form = new FormData();
    form.append('file', picked, picked.name);
    void verify(async () => {
      const response = await request('/api/v1/seal/verify', { method: 'POST', form });
      return (await response.json()) as Verification;
    });
  };
  const verifyDigest = (digest: string) => {
    if (!digest.trim()) return;
    setFile(null);
    void verify(() => postJson<Verification>('/api/v1/seal/verify', { digest: digest.trim() }));
  };

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('seal.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('seal.lead')}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <FileButton
              label={t('seal.upload')}
              icon={<FilePdfOutlined />}
              accept="application/pdf,.pdf"
              onFiles={([picked]) => picked && verifyFile(picked)}
            />
            {file && <Typography.Text>{file}</Typography.Text>}
          </Space>
          <Typography.Text type="secondary">{t('seal.uploadHint')}</Typography.Text>
          <Input.Search
            aria-label={t('seal.digest')}
            placeholder={t('seal.digestPlaceholder')}
            enterButton={t('seal.verify')}
            maxLength={64}
            onSearch={verifyDigest}
            style={{ maxWidth: 640 }}
          />
        </Space>
      </Card>
      {busy && (
        <Space role="status" style={{ margin: 16 }}>
          <Spin /> {t('seal.checking')}
        </Space>
      )}
      {error.length > 0 && (
        <Alert
          type="error"
          showIcon
          message={error[0]}
          description={error.slice(1).join('；') || undefined}
        />
      )}
      {answer && <VerificationCard answer={answer} />}
      <Collapse
        style={{ marginTop: 16 }}
        items={[
          {
            key: 'keys',
            label: t('seal.keys'),
            children: keys ? (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                  {t('seal.standards', { standards: keys.standards })}
                </Typography.Paragraph>
                {keys.keys.length === 0 && <Typography.Text>{t('seal.noKeys')}</Typography.Text>}
                {keys.keys.map((key) => (
                  <Card key={key.id} size="small" title={<h2 className="card-title">{key.id}</h2>}>
                    <Space wrap style={{ marginBottom: 8 }}>
                      {key.active && <Tag color={TAG.green}>{t('seal.active')}</Tag>}
                      <span>
                        {t('seal.validity', {
                          from: beijing(key.validFrom),
                          until: key.validUntil ? beijing(key.validUntil) : t('seal.now'),
                        })}
                      </span>
                    </Space>
                    <Typography.Paragraph copyable={{ text: key.publicKeyPem }} style={{ margin: 0 }}>
                      <pre className="pem">{key.publicKeyPem}</pre>
                    </Typography.Paragraph>
                  </Card>
                ))}
              </Space>
            ) : (
              <Typography.Text>{t('seal.noKeys')}</Typography.Text>
            ),
          },
        ]}
      />
    </>
  );
}

/** The answer: the verdict in words, then the report and the seal it matched, then the file's digests. */
function VerificationCard({ answer }: { answer: Verification }) {
  const { t } = useI18n();
  const report = answer.report;
  const title = report ? `${report.unitName}${report.periodLabel}${report.kindLabel}` : '';
  return (
    <Card
      title={
        <h2 className="card-title">
          <SafetyCertificateOutlined /> {t('seal.result')}
        </h2>
      }
    >
      <Alert
        type={ALERT[answer.verdict]}
        showIcon
        role="status"
        message={t(`seal.verdict.${answer.verdict}` as MessageKey)}
        description={t(`seal.explain.${answer.verdict}` as MessageKey, { title })}
        style={{ marginBottom: 16 }}
      />
      <Descriptions size="small" column={1} bordered>
        {report && (
          <>
            <Descriptions.Item label={t('seal.report')}>
              {title}（{report.id}）
            </Descriptions.Item>
            <Descriptions.Item label={t('seal.revision')}>{report.revision}</Descriptions.Item>
            <Descriptions.Item label={t('seal.approvedBy')}>
              {report.approvedByName ?? '—'} · {beijing(report.approvedAt)}
            </Descriptions.Item>
          </>
        )}
        {answer.seal && (
          <>
            <Descriptions.Item label={t('seal.signedAt')}>{beijing(answer.seal.signedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('seal.keyId')}>{answer.seal.keyId}</Descriptions.Item>
          </>
        )}
        {answer.checked.sm3 && (
          <Descriptions.Item label={t('seal.fileSm3')}>
            <span className="digest">{answer.checked.sm3}</span>
          </Descriptions.Item>
        )}
        {answer.checked.sha256 && (
          <Descriptions.Item label={t('seal.fileSha256')}>
            <span className="digest">{answer.checked.sha256}</span>
          </Descriptions.Item>
        )}
        {answer.checked.digest && (
          <Descriptions.Item label={t('seal.digest')}>
            <span className="digest">{answer.checked.digest}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
