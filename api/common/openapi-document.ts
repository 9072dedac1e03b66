import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type {
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** Where `@ApiProperty` keeps a property's metadata (DECORATORS.API_MODEL_PROPERTIES, not exported by the package). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

/** The problem+json body every error of the API has (RFC 9457, see problem.ts). */
export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: '错误说明（RFC 9457） An RFC 9457 problem details body.',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', description: 'URI of the problem type' },
    title: { type: 'string', description: '标题 Short title, in the answer’s language' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string', description: '说明 What went wrong, in the answer’s language' },
    instance: { type: 'string', description: 'The request path' },
    code: { type: 'string', description: '稳定的错误代码 Stable code to switch on' },
    errors: {
      type: 'array',
      description: '逐字段的问题 One entry per field that broke a rule',
      items: {
        type: 'object',
        required: ['field', 'rule', 'message'],
        properties: {
          field: { type: 'string', description: 'The field (dotted path, list index, header or `body`)' },
          rule: { type: 'string', description: 'The rule it broke' },
          message: { type: 'string' },
        },
      },
    },
  },
};

/** GeoReport v2's own error body, which the Open311 routes answer instead of problem+json. */
export const OPEN311_ERROR_SCHEMA: SchemaObject = {
  type: 'array',
  description: 'GeoReport v2 错误 GeoReport v2 errors',
  minItems: 1,
  items: {
    type: 'object',
    required: ['code', 'description'],
    properties: { code: { type: 'integer' }, description: { type: 'string' } },
  },
};

const ERROR_TEXT: Record<string, string> = {
  '400': '请求有误（格式、参数） Malformed request or parameter',
  '401': '未登录或令牌无效 No valid session or bearer token',
  '403': '无权操作 Not permitted for this account',
  '404': '不存在，或无权查看 Not found, or not readable by this account',
  '409': '与当前状态冲突 Conflicts with the current state',
  '412': '资源已被他人修改 The resource changed since it was read (If-Match)',
  '413': '请求体过大 The body is too large',
  '415': '不支持的内容类型或编码 Unsupported media type or encoding',
  '422': '数据不符合规则（指明字段） The data breaks a rule (the field is named)',
  '428': '缺少 If-Match Send If-Match with the ETag you read',
  '429': '请求过于频繁（按账号，匿名按地址） Rate limit of the account (or address) reached',
  '503': '依赖暂不可用，请稍后重试 A dependency is unavailable; retry after Retry-After',
};

const OPEN311_PREFIX = '/open311/';
const WITH_BODY = new Set(['post', 'put', 'patch']);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function isReference(value: unknown): value is ReferenceObject {
  return typeof value === 'object' && value !== null && '$ref' in value;
}

/** The statuses an operation can answer with besides its own, from what it takes and who may call it. */
function errorStatuses(method: string, path: string, operation: OperationObject): string[] {
  const statuses = ['400', '404', '422', '429', '503'];
  const secured = (operation.security ?? []).length > 0;
  if (secured) statuses.push('401', '403');
  if (WITH_BODY.has(method) || operation.requestBody) statuses.push('413', '415');
  if (method !== 'get') statuses.push('409');
  const headers = (operation.parameters ?? []).filter(
    (p): p is ParameterObject => !isReference(p) && p.in === 'header',
  );
  if (headers.some((p) => p.name.toLowerCase() === 'if-match')) statuses.push('412', '428');
  if (path.startsWith('/api/v1/auth/')) statuses.push('403');
  return [...new Set(statuses)].sort();
}

function errorResponse(status: string, open311: boolean): ResponseObject {
  const problem = { schema: { $ref: '#/components/schemas/Problem' } };
  return {
    description: ERROR_TEXT[status] ?? 'Error',
    content: open311
      ? { 'application/json': { schema: { $ref: '#/components/schemas/Open311Error' } } }
      : { 'application/problem+json': problem },
  };
}

/** A header parameter named twice in different cases (Nest's `@Headers('if-match')` and `@ApiHeader`) once. */
function dedupeParameters(operation: OperationObject): void {
  if (!operation.parameters) return;
  const key = (p: ParameterObject) => `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
  const documented = new Map<string, ParameterObject>();
  for (const parameter of operation.parameters) {
    if (isReference(parameter)) continue;
    const other = documented.get(key(parameter));
    // The one written for the document (a capitalised name, a description) wins over the bare one.
    if (!other || (!other.description && parameter.description)) documented.set(key(parameter), parameter);
  }
  operation.parameters = operation.parameters.filter(
    (parameter) => isReference(parameter) || documented.get(key(parameter)) === parameter,
  );
}

/** The component schemas a request body names, directly or nested, by name. */
function requestSchemaNames(document: OpenAPIObject): Set<string> {
  const schemas = document.components?.schemas ?? {};
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    if (isReference(value)) {
      const name = value.$ref.replace('#/components/schemas/', '');
      if (names.has(name) || !schemas[name]) return;
      names.add(name);
      visit(schemas[name]);
      return;
    }
    Object.values(value).forEach(visit);
  };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const body = item[method]?.requestBody;
      if (body) visit(body);
    }
  }
  return names;
}

/** A DTO class, as class-validator keys its rules. */
type DtoClass = abstract new (...args: never[]) => unknown;

/** What one class-validator rule says about a value, in JSON Schema words. */
function ruleSchema(rule: ValidationMetadata): SchemaObject | undefined {
  const [first] = (rule.constraints ?? []) as unknown[];
  switch (rule.name) {
    case 'isNotEmpty':
      return { minLength: 1 };
    case 'minLength':
      return { minLength: Number(first) };
    case 'maxLength':
      return { maxLength: Number(first) };
    case 'arrayMinSize':
      return { minItems: Number(first) };
    case 'arrayMaxSize':
      return { maxItems: Number(first) };
    case 'arrayUnique':
      return { uniqueItems: true };
    case 'min':
      return { minimum: Number(first) };
    case 'max':
      return { maximum: Number(first) };
    case 'isInt':
      return { type: 'integer' };
    case 'isString':
      return { type: 'string' };
    case 'isEmail':
      return { type: 'string', format: 'email' };
    case 'matches':
      return first instanceof RegExp && !first.flags ? { pattern: first.source } : undefined;
    case 'isLatitude':
      return { minimum: -90, maximum: 90 };
    case 'isLongitude':
      return { minimum: -180, maximum: 180 };
    case 'isIso8601':
      return { format: 'date-time' };
    case 'isNumber':
      return { type: 'number' };
    default:
      return undefined;
  }
}

/** The JSON type an `@ApiProperty` names, whether as a constructor or a word; undefined for classes and lazy types. */
function metadataType(metadata: { type?: unknown; isArray?: boolean; enum?: unknown }): string | undefined {
  if (metadata.isArray) return 'array';
  const { type } = metadata;
  if (type === String) return 'string';
  if (type === Number) return 'number';
  if (type === Boolean) return 'boolean';
  if (type === Array) return 'array';
  return typeof type === 'string' ? type : undefined;
}

/**
 * Writes what each class-validator rule says into the property's `@ApiProperty` metadata before the document is
 * built: query parameters are inlined from their DTO's properties, so this is the only place they learn a rule
 * (a length, a pattern, a whole number) that a schema-valid request must then keep.
 */
export function describeQueryValidation(): void {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<DtoClass, ValidationMetadata[]>;
    getTargetValidationMetadatas(
      target: DtoClass,
      schema: string,
      always: boolean,
      strict: boolean,
    ): ValidationMetadata[];
  };
  for (const target of storage.validationMetadatas.keys()) {
    const prototype = target.prototype as object;
    for (const rule of storage.getTargetValidationMetadatas(target, '', true, false)) {
      const words = ruleSchema(rule);
      const metadata = Reflect.getMetadata(API_MODEL_PROPERTIES, prototype, rule.propertyName) as
        (Record<string, unknown> & { type?: unknown; isArray?: boolean; enum?: unknown }) | undefined;
      if (rule.each || !words || !metadata) continue;
      // Without a type in the decorator, the property's TypeScript type (emitted as design:type) is the one it has.
      const type =
        metadataType(metadata) ??
        metadataType({
          type: Reflect.getMetadata('design:type', prototype, rule.propertyName) as unknown,
        });
      const applicable: Record<string, unknown> = {};
      if (type === 'string' && !metadata.enum) {
        if (words.minLength !== undefined && metadata.minLength === undefined)
          applicable.minLength = words.minLength;
        if (words.maxLength !== undefined && metadata.maxLength === undefined)
          applicable.maxLength = words.maxLength;
        if (words.pattern && !metadata.pattern && !metadata.format) applicable.pattern = words.pattern;
        if (words.format && !metadata.format && !metadata.pattern) applicable.format = words.format;
      }
      if (type === 'number' || type === 'integer') {
        if (words.type === 'integer') applicable.type = 'integer';
        if (words.minimum !== undefined && metadata.minimum === undefined) applicable.minimum = words.minimum;
        if (words.maximum !== undefined && metadata.maximum === undefined) applicable.maximum = words.maximum;
      }
      if (Object.keys(applicable).length === 0) continue;
      Reflect.defineMetadata(
        API_MODEL_PROPERTIES,
        { ...metadata, ...applicable },
        prototype,
        rule.propertyName,
      );
    }
  }
}

/**
 * Each DTO's schema states the class-validator rules of its properties (lengths, sizes, bounds, patterns), so the
 * document accepts exactly what the validation pipe does: one set of rules, read in two places.
 */
function describeValidation(schemas: Record<string, SchemaObject | ReferenceObject>): void {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<DtoClass, ValidationMetadata[]>;
    getTargetValidationMetadatas(
      target: DtoClass,
      schema: string,
      always: boolean,
      strict: boolean,
    ): ValidationMetadata[];
  };
  for (const target of storage.validationMetadatas.keys()) {
    const schema = schemas[target.name];
    if (!schema || isReference(schema) || !schema.properties) continue;
    for (const rule of storage.getTargetValidationMetadatas(target, '', true, false)) {
      const property = schema.properties[rule.propertyName];
      const words = ruleSchema(rule);
      if (!property || isReference(property) || !words) continue;
      const subject = rule.each && property.items && !isReference(property.items) ? property.items : property;
      if (rule.each && subject === property) continue;
      const isArray = subject.type === 'array';
      // Length rules speak of strings, size rules of arrays; a rule for the other kind says nothing here.
      if (
        ('minLength' in words || 'maxLength' in words || 'pattern' in words) &&
        (isArray || subject.type === 'number' || subject.type === 'integer' || subject.type === 'boolean')
      )
        continue;
      if (words.pattern && (subject.pattern || subject.enum || subject.format)) continue;
      if (words.type === 'integer' && subject.type !== 'number' && subject.type !== 'integer') continue;
      // `string | null` has no runtime type: the document guessed "object", the rule says string.
      if (words.type === 'string' && subject.type !== 'object') continue;
      // Likewise `number | null`; a number rule never turns an integer into a fraction.
      if (words.type === 'number' && subject.type !== 'object') continue;
      Object.assign(subject, words);
    }
  }
}

/**
 * A request body's schema as the validation pipe applies it: unknown properties are refused, and an optional
 * property may also be null (`@IsOptional()` lets null through as absent).
 */
function describeRequestSchema(schema: SchemaObject): void {
  schema.additionalProperties ??= false;
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (required.has(name)) continue;
    if (isReference(property)) {
      schema.properties![name] = { allOf: [property], nullable: true };
    } else {
      property.nullable = true;
    }
  }
}

/**
 * A body schema shared by multipart and JSON (a file, or its digest instead) names the file too; JSON cannot carry
 * one, so its variant keeps only the other properties.
 */
function withoutFilesInJson(content: Record<string, { schema?: SchemaObject | ReferenceObject }>): void {
  const json = content['application/json'];
  const schema = json?.schema;
  if (!json || !schema || isReference(schema) || !schema.properties) return;
  const files = Object.entries(schema.properties)
    .filter(([, property]) => !isReference(property) && property.format === 'binary')
    .map(([name]) => name);
  if (files.length === 0) return;
  const properties = Object.fromEntries(
    Object.entries(schema.properties).filter(([name]) => !files.includes(name)),
  );
  json.schema = {
    ...schema,
    properties,
    required: [
      ...(schema.required ?? []).filter((name) => !files.includes(name)),
      // Of "this file or that", JSON leaves only "that".
      ...(schema.minProperties && Object.keys(properties).length === 1 ? Object.keys(properties) : []),
    ],
  };
}

/**
 * Completes what the decorators leave implicit, so a client (or a fuzzer) can rely on the document: every operation
 * names its error answers (problem+json, or GeoReport's format on Open311), and request bodies refuse properties they
 * do not define (the validation pipe does).
 */
export function completeOpenApi(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = {
    ...document.components.schemas,
    Problem: PROBLEM_SCHEMA,
    Open311Error: OPEN311_ERROR_SCHEMA,
  };
  for (const [path, item] of Object.entries(document.paths)) {
    const open311 = path.startsWith(OPEN311_PREFIX);
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      dedupeParameters(operation);
      // A PATCH without a body changes nothing and is answered like one with `{}`.
      if (method === 'patch' && operation.requestBody && !isReference(operation.requestBody))
        operation.requestBody.required = false;
      if (operation.requestBody && !isReference(operation.requestBody))
        withoutFilesInJson(operation.requestBody.content);
      for (const status of errorStatuses(method, path, operation)) {
        const declared = operation.responses[status] as ResponseObject | undefined;
        const response = errorResponse(status, open311);
        operation.responses[status] = declared?.content
          ? declared
          : { ...response, description: declared?.description ?? response.description };
      }
    }
  }
  const schemas = document.components.schemas as Record<string, SchemaObject>;
  describeValidation(schemas);
  for (const name of requestSchemaNames(document)) {
    const schema = schemas[name];
    if (schema?.type === 'object') describeRequestSchema(schema);
  }
  return document;
}

/** The documented methods of each path, as patterns that match a request path (`{code}` is one segment). */
export function documentedRoutes(
  document: OpenAPIObject,
): Array<{ pattern: RegExp; methods: string[]; literal: boolean }> {
  return Object.entries(document.paths).map(([path, item]) => {
    const source = path
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('');
    const methods = METHODS.filter((method) => item[method]).map((method) => method.toUpperCase());
    if (methods.includes('GET')) methods.push('HEAD');
    return { pattern: new RegExp(`^${source}$`), methods, literal: !path.includes('{') };
  });
}
