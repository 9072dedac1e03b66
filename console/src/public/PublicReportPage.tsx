import { AimOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { getJson, request } from '../api/client';
import { mapSettings, type MapSettings } from '../api/settings';
import { Loading } from '../App';
import { PhotoPicker, usePhotos } from '../components/PhotoPicker';
import { FormSelect } from '../components/FormSelect';
import { showProblem } from '../components/problems';
import { useI18n } from '../i18n';

const MapView = lazy(() => import('../map/MapView'));

interface Service {
  service_code: string;
  service_name: string;
}
interface Values {
  service_code: string;
  township: string;
  description: string;
  address_string?: string;
  location?: { lat: number; lng: number };
}

/** 群众举报 as FixMyStreet and Open311 do it: the place (GPS or map), the category, what is wrong, a photo. */
export default function PublicReportPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [services, setServices] = useState<Service[]>([]);
  const [townships, setTownships] = useState<Array<{ code: string; name: string }>>([]);
  const [settings, setSettings] = useState<MapSettings | null>(null);
  const { photos, replace, add: addPhoto } = usePhotos(1);
  const [sending, setSending] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string[]>([]);
  const location = Form.useWatch('location', form);

  useEffect(() => {
    getJson<Service[]>('/open311/v2/services.json')
      .then(setServices)
      .catch(() => setServices([]));
    getJson<{ items: Array<{ kind: string; unitCode: string; unitName: string }> }>('/api/v1/public/grids')
      .then((answer) => {
        const seen = new Map<string, string>();
        answer.items.filter((g) => g.kind === 'village').forEach((g) => seen.set(g.unitCode, g.unitName));
        setTownships([...seen].map(([c, name]) => ({ code: c, name })));
      })
      .catch(() => setTownships([]));
    void mapSettings().then(setSettings);
  }, []);

  const locate = () =>
    navigator.geolocation?.getCurrentPosition(
      (p) =>
        form.setFieldValue('location', {
          lat: Math.round(p.coords.latitude * 1e6) / 1e6,
          lng: Math.round(p.coords.longitude * 1e6) / 1e6,
        }),
      () => setError([t('report.gpsFailed')]),
      { enableHighAccuracy: true, timeout: 15_000 },
    );

  const send = async (values: Values) => {
    if (!values.location) {
      setError([t('public.report.placeRequired')]);
      return;
    }
    setSending(true);
    setError([]);
    const body = new FormData();
    body.set('service_code', values.service_code);
    body.set('township', values.township);
    body.set('description', values.description);
    if (values.address_string) body.set('address_string', values.address_string);
    body.set('lat', String(values.location.lat));
    body.set('long', String(values.location.lng));
    if (photos[0]) body.set('media', photos[0].blob, 'photo.jpg');
    try {
      const response = await request('/open311/v2/requests.json', { method: 'POST', form: body });
      const [created] = (await response.json()) as Array<{ service_request_id: string }>;
      setCode(created.service_request_id);
      form.resetFields();
      replace([]);
    } catch (problem) {
      setError(showProblem(form, problem, t));
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('public.report.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('public.report.lead')}</Typography.Paragraph>
      {code && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('public.report.sent', { code })}
          description={<Link to={`/public/status?code=${code}`}>{t('public.report.track')}</Link>}
        />
      )}
      <Card>
        <Form<Values> form={form} layout="vertical" requiredMark="optional" onFinish={(v) => void send(v)}>
          <Form.Item label={t('public.report.place')} required>
            <Form.Item name="location" noStyle>
              <PlaceText />
            </Form.Item>
            <Space wrap style={{ margin: '4px 0 8px' }}>
              <Button icon={<AimOutlined />} onClick={locate}>
                {t('report.useGps')}
              </Button>
              <Typography.Text type="secondary">{t('report.mapHint')}</Typography.Text>
            </Space>
            {settings && (
              <Suspense fallback={<Loading />}>
                <MapView
                  settings={settings}
                  height={260}
                  label={t('report.mapLabel')}
                  picked={location ?? null}
                  onPick={(point) => form.setFieldValue('location', point)}
                />
              </Suspense>
            )}
          </Form.Item>
          <Form.Item
            name="service_code"
            label={t('report.category')}
            rules={[{ required: true, message: t('report.categoryRequired') }]}
          >
            <FormSelect
              showSearch
              optionFilterProp="label"
              options={services.map((s) => ({ value: s.service_code, label: s.service_name }))}
            />
          </Form.Item>
          <Form.Item
            name="township"
            label={t('report.township')}
            rules={[{ required: true, message: t('report.townshipRequired') }]}
          >
            <FormSelect options={townships.map((tw) => ({ value: tw.code, label: tw.name }))} />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('report.description')}
            rules={[{ required: true, whitespace: true, message: t('report.descriptionRequired') }]}
          >
            <Input.TextArea
              rows={4}
              maxLength={4000}
              showCount
              placeholder={t('report.descriptionPlaceholder')}
            />
          </Form.Item>
          <Form.Item name="address_string" label={t('public.report.address')}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item label={t('public.report.photo')}>
            <PhotoPicker photos={photos} max={1} onAdd={(files) => void addPhoto(files)} />
          </Form.Item>
          <Typography.Paragraph type="secondary">{t('public.report.privacy')}</Typography.Paragraph>
          {error.length > 0 && (
            <Alert
              type="error"
              showIcon
              message={error[0]}
              description={error[1]}
              style={{ marginBottom: 12 }}
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

function PlaceText({ value }: { value?: { lat: number; lng: number } }) {
  const { t } = useI18n();
  return value ? (
    <Typography.Text>
      {t('report.coordinates', { lat: value.lat.toFixed(6), lng: value.lng.toFixed(6) })}
    </Typography.Text>
  ) : (
    <Typography.Text type="secondary">{t('report.noLocation')}</Typography.Text>
  );
}
