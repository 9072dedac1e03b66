import { FileOutlined } from '@ant-design/icons';
import { Image, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { request } from '../api/client';
import { useI18n } from '../i18n';

const EVIDENCE_ID = /^[0-9a-f]{64}$/;

/**
 * One piece of evidence: an uploaded file (its id is its sha256) as a thumbnail that opens full size, or a
 * reference kept as written (a file number). Fetched with the session's credentials, shown from a blob URL.
 */
export function EvidenceThumb({ reference }: { reference: string }) {
  const { t } = useI18n();
  const [file, setFile] = useState<{ url: string; type: string } | null>(null);
  const [failed, setFailed] = useState(false);
  const uploaded = EVIDENCE_ID.test(reference);

  useEffect(() => {
    if (!uploaded) return;
    let url: string | null = null;
    let cancelled = false;
    request(`/api/v1/evidence/${reference}`, { accept: '*/*' })
      .then((response) => response.blob())
      .then((blob) => {
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setFile({ url, type: blob.type });
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [reference, uploaded]);

  const name = reference.slice(0, 8);
  if (!uploaded) return <Typography.Text code>{reference}</Typography.Text>;
  if (failed) return <Typography.Text type="secondary">{name}…</Typography.Text>;
  if (!file) return <span className="evidence-thumb" aria-busy style={{ display: 'inline-block' }} />;
  if (file.type.startsWith('image/')) {
    return (
      <Image
        src={file.url}
        width={72}
        height={72}
        className="evidence-thumb"
        alt={t('issue.evidenceOpen', { name })}
        preview={{ mask: false }}
      />
    );
  }
  return (
    <a href={file.url} target="_blank" rel="noreferrer" aria-label={t('issue.evidenceOpen', { name })}>
      <FileOutlined style={{ fontSize: 32 }} /> {name}.pdf
    </a>
  );
}
