import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Space,
  Typography,
  Upload,
  type FormRule,
  type UploadProps,
} from 'antd';
import { useState } from 'react';
import { ApiProblem, request } from '../api/client';
import { resolve, type Schema } from '../api/openapi';
import type { Unit } from '../api/types';
import { bilingual, useI18n } from '../i18n';
import { FormSelect } from './FormSelect';
import { beijingToday, dayjs } from '../time';

type Document = Parameters<typeof resolve>[1];
type NamePath = Array<string | number>;
type UploadRequestOption = Parameters<NonNullable<UploadProps['customRequest']>>[0];

/** Per-field choices the schema cannot express (which widget, which options); everything else comes from it. */
export interface FieldHints {
  units: Unit[];
  /** Field name → options shown instead of free input (e.g. the open objections). */
  choices?: Record<string, Array<{ value: string | number; label: string }>>;
  /** Free-text fields offered the units' names as suggestions (the 五定 plan's responsible unit). */
  unitNameFields?: string[];
  /** Date fields that cannot name a day before this one (YYYY-MM-DD, exclusive after `notAfterOrOn`). */
  earliestDate?: Record<string, string>;
}

/** The enum's own words where the description spells them out (`leader 组长（党支部书记）/ deputy …`). */
function enumLabels(schema: Schema): Map<string, string> {
  const labels = new Map<string, string>();
  const text = schema.description ?? '';
  const values = (schema.enum ?? []).map(String);
  for (const [i, value] of values.entries()) {
    const start = text.indexOf(`${value} `);
    if (start < 0) continue;
    const rest = text.slice(start + value.length + 1);
    const ends = values
      .slice(i + 1)
      .map((next) => rest.indexOf(` / ${next} `))
      .filter((n) => n >= 0);
    const end = Math.min(rest.length, ...ends, rest.indexOf(' / ') >= 0 ? rest.indexOf(' / ') : rest.length);
    labels.set(value, rest.slice(0, end).trim());
  }
  return labels;
}

function labelOf(name: string, schema: Schema, locale: 'zh-CN' | 'en'): string {
  if (schema.enum && schema.description?.includes(' / ')) {
    return bilingual(schema.description.split(/\s/)[0], locale) || name;
  }
  return bilingual(schema.description, locale) || name;
}

interface FieldProps {
  name: NamePath;
  /** The field's path from the form's root (Form.List items use relative names). */
  fullName: NamePath;
  property: string;
  schema: Schema;
  required: boolean;
  document: Document;
  hints: FieldHints;
}

function EvidenceInput(props: { value?: string[]; onChange?: (ids: string[]) => void; id?: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const ids = props.value ?? [];
  const upload = async ({ file, onSuccess, onError }: UploadRequestOption) => {
    const form = new FormData();
    form.append('file', file as Blob);
    try {
      const response = await request('/api/v1/evidence', { method: 'POST', form });
      const stored = (await response.json()) as { id: string };
      setError(null);
      props.onChange?.([...(props.value ?? []), stored.id]);
      onSuccess?.(stored);
    } catch (problem) {
      const reason =
        problem instanceof ApiProblem ? [problem.title, problem.detail].filter(Boolean).join('：') : '';
      setError(t('form.evidenceFailed', { reason }));
      onError?.(problem as Error);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Upload
        accept="image/jpeg,image/png,image/webp,application/pdf"
        multiple
        listType="picture"
        customRequest={(options) => void upload(options)}
      >
        <Button icon={<UploadOutlined />} id={props.id}>
          {t('form.evidenceUpload')}
        </Button>
      </Upload>
      {ids.length > 0 && (
        <Typography.Text>{t('form.evidenceUploaded', { count: ids.length })}</Typography.Text>
      )}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Space>
  );
}

function rulesFor(label: string, schema: Schema, required: boolean, t: ReturnType<typeof useI18n>['t']) {
  const rules: FormRule[] = [];
  if (required && schema.type !== 'boolean' && schema.type !== 'array') {
    rules.push({
      required: true,
      whitespace: schema.type === 'string',
      message: t('form.required', { label }),
    });
  }
  if (required && schema.type === 'boolean') {
    rules.push({ required: true, type: 'boolean', message: t('form.required', { label }) });
  }
  if (schema.maxLength)
    rules.push({ max: schema.maxLength, message: t('form.tooLong', { label, max: schema.maxLength }) });
  const min = schema.minItems ?? (required && schema.type === 'array' ? 0 : undefined);
  if (schema.type === 'array' && min) {
    rules.push({
      validator: (_, value: unknown[] | undefined) =>
        (value?.length ?? 0) >= min
          ? Promise.resolve()
          : Promise.reject(new Error(t('form.tooFewItems', { label, min }))),
    });
  }
  return rules;
}

function SchemaField(props: FieldProps) {
  const { t, locale } = useI18n();
  const schema = resolve(props.schema, props.document);
  const label = labelOf(props.property, schema, locale);
  const rules = rulesFor(label, schema, props.required, t);
  const choices = props.hints.choices?.[props.property];

  if (schema.type === 'object' && schema.properties) {
    return (
      <fieldset
        style={{ border: '1px solid #e5e7eb', borderRadius: 6, padding: '8px 12px', marginBottom: 16 }}
      >
        <legend style={{ fontSize: 14, padding: '0 6px', width: 'auto', border: 0, marginBottom: 0 }}>
          {label}
        </legend>
        <SchemaFields {...props} schema={schema} />
      </fieldset>
    );
  }

  if (schema.type === 'array') {
    const items = resolve(schema.items ?? {}, props.document);
    if (items.type === 'string' && /evidence/i.test(props.property)) {
      return (
        <Form.Item name={props.name} label={label} rules={rules} initialValue={[]}>
          <EvidenceInput />
        </Form.Item>
      );
    }
    if (items.type === 'object' && items.properties) {
      return (
        <Form.Item label={label} required={!!schema.minItems} style={{ marginBottom: 8 }}>
          <Form.List
            name={props.name}
            initialValue={schema.minItems ? Array.from({ length: schema.minItems }, () => ({})) : []}
            rules={
              schema.minItems
                ? [
                    {
                      validator: (_, value: unknown[] | undefined) => {
                        if ((value?.length ?? 0) < (schema.minItems ?? 0))
                          return Promise.reject(
                            new Error(t('form.tooFewItems', { label, min: schema.minItems ?? 0 })),
                          );
                        return Promise.resolve();
                      },
                    },
                  ]
                : undefined
            }
          >
            {(fields, { add, remove }, { errors }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((field, index) => (
                  <Card
                    key={field.key}
                    size="small"
                    title={t('form.item', { n: index + 1 })}
                    extra={
                      <Button
                        type="text"
                        danger
                        icon={<MinusCircleOutlined />}
                        aria-label={`${t('form.removeItem')} ${label} ${t('form.item', { n: index + 1 })}`}
                        onClick={() => remove(field.name)}
                      />
                    }
                  >
                    <SchemaFields
                      {...props}
                      name={[field.name]}
                      fullName={[...props.fullName, field.name]}
                      schema={items}
                    />
                  </Card>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                  {t('form.addItem')} {label}
                </Button>
                <Form.ErrorList errors={errors} />
              </Space>
            )}
          </Form.List>
        </Form.Item>
      );
    }
    return (
      <Form.Item name={props.name} label={label} rules={rules} initialValue={[]}>
        <FormSelect
          mode="tags"
          open={false}
          suffixIcon={null}
          tokenSeparators={['\n']}
          placeholder={
            Array.isArray(schema.example) && typeof schema.example[0] === 'string'
              ? schema.example[0]
              : undefined
          }
        />
      </Form.Item>
    );
  }

  if (schema.type === 'boolean') {
    return (
      <Form.Item name={props.name} label={label} rules={rules}>
        <Radio.Group
          options={[
            { value: true, label: t('form.yes') },
            { value: false, label: t('form.no') },
          ]}
        />
      </Form.Item>
    );
  }

  if (choices) {
    return (
      <Form.Item name={props.name} label={label} rules={rules}>
        <FormSelect options={choices} />
      </Form.Item>
    );
  }

  if (schema.type === 'number' || schema.type === 'integer') {
    return (
      <Form.Item name={props.name} label={label} rules={rules}>
        <InputNumber min={schema.minimum} max={schema.maximum} style={{ width: '100%' }} />
      </Form.Item>
    );
  }

  if (schema.enum) {
    const words = enumLabels(schema);
    return (
      <Form.Item name={props.name} label={label} rules={rules}>
        <FormSelect
          options={schema.enum.map((value) => ({
            value,
            label: words.get(String(value)) ? `${words.get(String(value))}（${value}）` : String(value),
          }))}
        />
      </Form.Item>
    );
  }

  if (schema.format === 'date') {
    const earliest = props.hints.earliestDate?.[props.property];
    return (
      <Form.Item
        name={props.name}
        label={label}
        rules={rules}
        getValueProps={(value: string | undefined) => ({ value: value ? dayjs(value) : null })}
        normalize={(value: dayjs.Dayjs | null) => (value ? value.format('YYYY-MM-DD') : undefined)}
      >
        <DatePicker
          style={{ width: '100%' }}
          disabledDate={earliest ? (day) => day.format('YYYY-MM-DD') < earliest : undefined}
        />
      </Form.Item>
    );
  }

  if (schema.format === 'unit-code') {
    return (
      <Form.Item name={props.name} label={label} rules={rules}>
        <FormSelect
          showSearch
          placeholder={t('form.unitPlaceholder')}
          optionFilterProp="label"
          options={props.hints.units.map((unit) => ({
            value: unit.code,
            label: `${unit.name}（${unit.code}）`,
          }))}
        />
      </Form.Item>
    );
  }

  if (props.hints.unitNameFields?.includes(props.property)) {
    return (
      <Form.Item name={props.name} label={label} rules={rules}>
        <AutoComplete
          options={props.hints.units.map((unit) => ({ value: unit.name }))}
          filterOption={(input, option) => String(option?.value ?? '').includes(input)}
        />
      </Form.Item>
    );
  }

  const long = (schema.maxLength ?? 0) > 200;
  return (
    <Form.Item name={props.name} label={label} rules={rules}>
      {long ? <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} showCount={false} /> : <Input />}
    </Form.Item>
  );
}

function SchemaFields(props: FieldProps) {
  const schema = resolve(props.schema, props.document);
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([property, child]) => (
        <SchemaField
          key={property}
          {...props}
          name={[...props.name, property]}
          fullName={[...props.fullName, property]}
          property={property}
          schema={child}
          required={required.has(property)}
        />
      ))}
    </>
  );
}

/** The fields of an object schema, each with the widget its type, format and hints call for. */
export function SchemaFormFields(props: { schema: Schema; document: Document; hints: FieldHints }) {
  return (
    <SchemaFields
      name={[]}
      fullName={[]}
      property=""
      schema={props.schema}
      required={false}
      document={props.document}
      hints={props.hints}
    />
  );
}

/** Drops empty optional strings, so an untouched optional field is not sent as "" (which the API refuses). */
export function cleanValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cleanValues);
  if (value && typeof value === 'object' && !dayjs.isDayjs(value)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined && v !== null && v !== '')
        .map(([k, v]) => [k, cleanValues(v)]),
    );
  }
  return typeof value === 'string' ? value.trim() : value;
}

export { beijingToday };
