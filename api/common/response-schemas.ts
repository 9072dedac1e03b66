import type { ContentObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * Building blocks of the success answers' schemas, so each controller's `*.schemas.ts` reads like the interface it
 * documents and schemathesis's response-schema check has something real to compare with.
 */
export const text: SchemaObject = { type: 'string' };
export const nullableText: SchemaObject = { type: 'string', nullable: true };
export const integer: SchemaObject = { type: 'integer' };
export const count: SchemaObject = { type: 'integer', minimum: 0 };
export const number: SchemaObject = { type: 'number' };
export const nullableNumber: SchemaObject = { type: 'number', nullable: true };
export const bool: SchemaObject = { type: 'boolean' };
export const nullableBool: SchemaObject = { type: 'boolean', nullable: true };
export const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
export const nullableDateTime: SchemaObject = { type: 'string', format: 'date-time', nullable: true };
export const texts: SchemaObject = { type: 'array', items: text };
/** A JSON object whose keys the schema does not fix (report content, GeoJSON, event payloads). */
export const anyObject: SchemaObject = { type: 'object', additionalProperties: true };

export function nullable(schema: SchemaObject): SchemaObject {
  return { ...schema, nullable: true };
}

export function arrayOf(items: SchemaObject): SchemaObject {
  return { type: 'array', items };
}

/**
 * An object whose listed properties are all present (null where their schema allows it), except those named in
 * `optional`; further properties are allowed, so adding a field never breaks a client.
 */
export function object(
  properties: Record<string, SchemaObject>,
  optional: readonly string[] = [],
  description?: string,
): SchemaObject {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
    properties,
  };
}

/** One page of a list: `{ items, page, pageSize, total }` (see domain/common/page.ts), plus a list's own fields. */
export function pageOf(item: SchemaObject, extra: Record<string, SchemaObject> = {}): SchemaObject {
  return object(
    {
      items: arrayOf(item),
      page: { type: 'integer', minimum: 1 },
      pageSize: { type: 'integer', minimum: 1, maximum: 200 },
      total: count,
      ...extra,
    },
    [],
    '一页 One page: items, page, pageSize, total',
  );
}

/** A file download's body. */
export const FILE_SCHEMA: SchemaObject = { type: 'string', format: 'binary' };

/** The answer of a route that sends one of these file types. */
export function fileContent(...types: string[]): ContentObject {
  return Object.fromEntries(types.map((type) => [type, { schema: FILE_SCHEMA }]));
}

/** The answer of a route that sends JSON, or (with `?format=`) one of these file types. */
export function jsonOrFileContent(schema: SchemaObject, ...types: string[]): ContentObject {
  return { 'application/json': { schema }, ...fileContent(...types) };
}
