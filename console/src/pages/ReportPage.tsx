import { AimOutlined, CloudUploadOutlined, DeleteOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Form,
  Input,
  List,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiProblem, getJson } from '../api/client';
import { useUnitNames } from '../api/reference';
import { mapSettings, type MapSettings } from '../api/settings';
import { useSession } from '../api/session';
import type { Page } from '../api/types';
import { Loading } from '../App';
import { PhotoPicker, usePhotos } from '../components/PhotoPicker';
import { FormSelect } from '../components/FormSelect';
import { TAG } from '../components/labels';
import { PageHeader } from '../components/PageHeader';
import { showProblem } from '../components/problems';
import {
  discard,
  enqueue,
  flush,
  loadDraft,
  OUTBOX_CHANGED,
  queued,
  saveDraft,
  send,
  type QueuedReport,
  type ReportBody,
} from '../field/outbox';
import { useI18n } from '../i18n';
import { beijing } from '../time';

const MapView = lazy(() => import('../map/MapView'));

interface Category {
  code: string;
  name: string;
}

interface Duplicate {
  code: string;
  title: string;
  status: string;
  distanceMetres: number;
}

const SOURCES = ['patrol', 'resident_visit', 'higher_referral', 'media'] as const;
const MAX_PHOTOS = 6;

/** A patrol record as the report form offers it (L16). */
interface PatrolChoice {
  id: string;
  gridName: string;
  startedAt: string;
  ledBy: { name: string };
}

/**
 * 上报问题 on a phone: category, what and where (GPS or a point on the map), photos from the camera resized on the
 * phone, the 50 m duplicate hint, and an outbox that keeps the report until the network is back.
 */
export default function ReportPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const { message } = AntApp.useApp();
  const { list: units } = useUnitNames();
  const [form] = Form.useForm<ReportBody>();
  const [categories, setCategories] = useState<Category[]>([]);
  const [patrols, setPatrols] = useState<PatrolChoice[]>([]);
  const [settings, setSettings] = useState<MapSettings | null>(null);
  const [showMap, setShowMap] = useState(false);
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState<string | null>(null);
  const { photos, replace, add: addPhotos, remove: removePhoto } = usePhotos(MAX_PHOTOS);
  const [duplicates, setDuplicates] = useState<Duplicate[]>([]);
  const [outbox, setOutbox] = useState<QueuedReport[]>([]);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<{ code?: string; queued?: boolean } | null>(null);
  const [problem, setProblem] = useState<string[]>([]);
  const restored = useRef(false);
  const location = Form.useWatch('location', form);
  const category = Form.useWatch('category', form);

  useEffect(() => {
    getJson<Page<Category>>('/api/v1/responsibility-categories', { query: { pageSize: 200 } })
      .then((page) => setCategories(page.items))
      .catch(() => setCategories([]));
    // L16: a problem found on patrol names the patrol record; the unit's patrols of the last weeks, newest first.
    getJson<Page<PatrolChoice>>('/api/v1/patrols', { query: { pageSize: 50 } })
      .then((page) => setPatrols(page.items))
      .catch(() => setPatrols([]));
    void mapSettings().then(setSettings);
    const refresh = () => void queued().then(setOutbox);
    refresh();
    window.addEventListener(OUTBOX_CHANGED, refresh);
    return () => window.removeEventListener(OUTBOX_CHANGED, refresh);
  }, []);

  // The draft the member left, restored once; kept again on every change.
  useEffect(() => {
    void loadDraft().then((draft) => {
      if (draft) {
        form.setFieldsValue(draft.values);
        replace(draft.photos);
      }
      restored.current = true;
    });
  }, [form, replace]);
  const keepDraft = useCallback(() => {
    if (!restored.current) return;
    void saveDraft({ values: form.getFieldsValue(), photos: photos.map((p) => p.blob) });
  }, [form, photos]);
  useEffect(keepDraft, [keepDraft]);

  // A member of a township (or of one of its villages) reports in that township unless they say otherwise.
  const townships = units.filter((unit) => unit.kind === 'township');
  useEffect(() => {
    if (!me || form.getFieldValue('township')) return;
    const own = units.find((unit) => unit.code === me.unitCode);
    const township = own?.kind === 'township' ? own.code : own?.kind === 'village' ? own.parentCode : null;
    if (township) form.setFieldValue('township', township);
  }, [units, me, form]);

  // L1: open issues of the same category within 50 m, before sending.
  useEffect(() => {
    if (!category || !location) {
      setDuplicates([]);
      return;
    }
    getJson<Duplicate[]>('/api/v1/issues/possible-duplicates', {
      query: { category, lat: location.lat, lng: location.lng },
    })
      .then(setDuplicates)
      .catch(() => setDuplicates([]));
  }, [category, location]);

  const locate = () => {
    if (!navigator.geolocation) {
      setLocationError(t('report.gpsUnavailable'));
      return;
    }
    setLocating(true);
    setLocationError(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        form.setFieldValue('location', {
          lat: Math.round(position.coords.latitude * 1e6) / 1e6,
          lng: Math.round(position.coords.longitude * 1e6) / 1e6,
        });
        keepDraft();
      },
      () => {
        setLocating(false);
        setLocationError(t('report.gpsFailed'));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const submit = async (values: ReportBody) => {
    setProblem([]);
    setSending(true);
    const body: ReportBody = {
      title: values.title,
      description: values.description,
      category: values.category,
      severity: values.severity,
      source: values.source,
      ...(values.source === 'patrol' && values.patrolId ? { patrolId: values.patrolId } : {}),
      township: values.township,
      ...(values.location ? { location: values.location } : {}),
    };
    const report = await enqueue(
      body,
      photos.map((p) => p.blob),
    );
    const done = async (next: { code?: string; queued?: boolean }) => {
      setResult(next);
      form.resetFields(['title', 'description', 'location']);
      replace([]);
      await saveDraft(undefined);
    };
    try {
      if (!navigator.onLine) throw new ApiProblem(0, 'network-error', '', '');
      const sent = await send(report);
      await discard(report.key);
      await done({ code: sent.code });
      message.success(t('report.sent', { code: sent.code }));
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 0) {
        await done({ queued: true });
      } else {
        await discard(report.key);
        setProblem(showProblem(form, error, t));
      }
    } finally {
      setSending(false);
    }
  };

  const sendNow = async () => {
    const sent = await flush();
    if (sent.length > 0) message.success(t('report.outboxSent', { count: sent.length }));
    else if (!navigator.onLine) message.warning(t('report.stillOffline'));
  };

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('menu.report') }]}
        title={t('report.title')}
        subtitle={t('report.subtitle')}
      />
      {result?.code && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('report.sent', { code: result.code })}
          description={
            <Link to={`/issues/${result.code}`}>{t('report.openIssue', { code: result.code })}</Link>
          }
        />
      )}
      {result?.queued && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('report.queued')}
          description={t('report.queuedHint')}
        />
      )}
      {outbox.length > 0 && (
        <Card
          size="small"
          title={<h2 className="card-title">{t('report.outbox', { count: outbox.length })}</h2>}
          style={{ marginBottom: 12 }}
          extra={
            <Button icon={<CloudUploadOutlined />} onClick={() => void sendNow()}>
              {t('report.sendNow')}
            </Button>
          }
        >
          <List
            dataSource={outbox}
            renderItem={(item) => (
              <List.Item
                actions={[
                  <Button
                    key="discard"
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('report.discard', { title: item.body.title })}
                    onClick={() => void discard(item.key)}
                  />,
                ]}
              >
                <List.Item.Meta
                  title={item.body.title}
                  description={
                    <Space direction="vertical" size={0}>
                      <span>
                        {beijing(item.createdAt)} · {t('report.photoCount', { count: item.photos.length })}
                      </span>
                      {item.error ? (
                        <Typography.Text type="danger">{item.error}</Typography.Text>
                      ) : (
                        <Tag color={TAG.orange}>{t('report.waiting')}</Tag>
                      )}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card>
        <Form<ReportBody>
          form={form}
          layout="vertical"
          requiredMark="optional"
          initialValues={{ severity: 'general', source: 'patrol' }}
          onValuesChange={keepDraft}
          onFinish={(values) => void submit(values)}
          style={{ maxWidth: 720 }}
        >
          <Form.Item
            name="category"
            label={t('report.category')}
            rules={[{ required: true, message: t('report.categoryRequired') }]}
          >
            <FormSelect
              showSearch
              optionFilterProp="label"
              placeholder={t('report.categoryPlaceholder')}
              options={categories.map((c) => ({ value: c.code, label: c.name }))}
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('report.titleField')}
            rules={[{ required: true, whitespace: true, message: t('report.titleRequired') }]}
          >
            <Input maxLength={200} placeholder={t('report.titlePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('report.description')}
            rules={[{ required: true, whitespace: true, message: t('report.descriptionRequired') }]}
          >
            <Input.TextArea
              rows={4}
              maxLength={5000}
              showCount
              placeholder={t('report.descriptionPlaceholder')}
            />
          </Form.Item>
          <Form.Item
            name="township"
            label={t('report.township')}
            rules={[{ required: true, message: t('report.townshipRequired') }]}
          >
            <FormSelect
              showSearch
              optionFilterProp="label"
              options={townships.map((u) => ({ value: u.code, label: u.name }))}
            />
          </Form.Item>
          <Form.Item label={t('report.location')} required={false}>
            <Form.Item name="location" noStyle>
              <LocationText />
            </Form.Item>
            <Space wrap style={{ marginTop: 4 }}>
              <Button icon={<AimOutlined />} loading={locating} onClick={locate}>
                {t('report.useGps')}
              </Button>
              <Button onClick={() => setShowMap((shown) => !shown)}>
                {showMap ? t('report.hideMap') : t('report.pickOnMap')}
              </Button>
            </Space>
            {locationError && (
              <Typography.Paragraph type="danger" style={{ margin: '4px 0 0' }}>
                {locationError}
              </Typography.Paragraph>
            )}
            {showMap && settings && (
              <div style={{ marginTop: 8 }}>
                <Suspense fallback={<Loading />}>
                  <MapView
                    settings={settings}
                    height={280}
                    label={t('report.mapLabel')}
                    picked={location ?? null}
                    onPick={(point) => {
                      form.setFieldValue('location', point);
                      keepDraft();
                    }}
                  />
                </Suspense>
                <Typography.Text type="secondary">{t('report.mapHint')}</Typography.Text>
              </div>
            )}
          </Form.Item>
          {duplicates.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message={t('report.duplicates', { count: duplicates.length })}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {duplicates.map((d) => (
                    <li key={d.code}>
                      <Link to={`/issues/${d.code}`}>
                        {d.code} {d.title}
                      </Link>{' '}
                      {t('report.metres', { metres: Math.round(d.distanceMetres) })}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          <Form.Item label={t('report.photos')} extra={t('report.photosHint', { max: MAX_PHOTOS })}>
            <PhotoPicker
              photos={photos}
              max={MAX_PHOTOS}
              onAdd={(files) => void addPhotos(files)}
              onRemove={removePhoto}
            />
          </Form.Item>
          <Form.Item name="severity" label={t('report.severity')}>
            <Radio.Group
              options={[
                { value: 'general', label: t('severity.general') },
                { value: 'major', label: t('severity.major') },
              ]}
            />
          </Form.Item>
          <Form.Item name="source" label={t('report.source')}>
            <Select options={SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))} />
          </Form.Item>
          <Form.Item noStyle dependencies={['source']}>
            {({ getFieldValue }) =>
              getFieldValue('source') === 'patrol' ? (
                <Form.Item
                  name="patrolId"
                  label={t('report.patrol')}
                  extra={patrols.length === 0 ? t('report.noPatrols') : undefined}
                  rules={[{ required: true, message: t('report.patrolRequired') }]}
                >
                  <FormSelect
                    placeholder={t('report.patrolPlaceholder')}
                    options={patrols.map((p) => ({
                      value: p.id,
                      label: `${beijing(p.startedAt)} · ${p.gridName} · ${p.ledBy.name}`,
                    }))}
                  />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          {problem.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              message={problem[0]}
              description={problem.slice(1).join('；') || undefined}
            />
          )}
          <Button type="primary" htmlType="submit" size="large" block loading={sending}>
            {t('report.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}

/** The picked coordinates, or a hint that none is picked yet. */
function LocationText({ value }: { value?: { lat: number; lng: number } }) {
  const { t } = useI18n();
  return value ? (
    <Typography.Text>
      {t('report.coordinates', { lat: value.lat.toFixed(6), lng: value.lng.toFixed(6) })}
    </Typography.Text>
  ) : (
    <Typography.Text type="secondary">{t('report.noLocation')}</Typography.Text>
  );
}
