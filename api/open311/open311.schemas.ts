import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

const text: SchemaObject = { type: 'string' };
const nullableText: SchemaObject = { type: 'string', nullable: true };

/** GeoReport v2 services.json. */
export const OPEN311_SERVICES_SCHEMA: SchemaObject = {
  type: 'array',
  items: {
    type: 'object',
    required: ['service_code', 'service_name', 'metadata', 'type'],
    properties: {
      service_code: text,
      service_name: text,
      description: text,
      metadata: { type: 'boolean' },
      type: { type: 'string', enum: ['realtime', 'batch', 'blackbox'] },
      keywords: text,
      group: text,
    },
  },
};

/** GeoReport v2 services/{code}.json. */
export const OPEN311_DEFINITION_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['service_code', 'attributes'],
  properties: { service_code: text, attributes: { type: 'array', items: { type: 'object' } } },
};

/** GeoReport v2 requests.json and requests/{id}.json: public-safe fields only. */
export const OPEN311_REQUESTS_SCHEMA: SchemaObject = {
  type: 'array',
  items: {
    type: 'object',
    required: ['service_request_id', 'status', 'service_code', 'requested_datetime'],
    properties: {
      service_request_id: text,
      status: { type: 'string', enum: ['open', 'closed'] },
      status_notes: text,
      service_name: text,
      service_code: text,
      description: text,
      agency_responsible: text,
      service_notice: nullableText,
      requested_datetime: { type: 'string', format: 'date-time' },
      updated_datetime: { type: 'string', format: 'date-time' },
      expected_datetime: { type: 'string', format: 'date-time', nullable: true },
      address: text,
      lat: { type: 'number', nullable: true },
      long: { type: 'number', nullable: true },
      media_url: nullableText,
    },
  },
};

/** GeoReport v2 POST requests.json. */
export const OPEN311_CREATED_SCHEMA: SchemaObject = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['service_request_id'],
    properties: { service_request_id: text, service_notice: text, account_id: nullableText },
  },
};
