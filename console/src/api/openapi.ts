import { getJson } from './client';

/** The part of JSON Schema (as the API's OpenAPI document writes it) that action forms are built from. */
export interface Schema {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  $ref?: string;
  allOf?: Schema[];
  description?: string;
  format?: string;
  enum?: Array<string | number>;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  example?: unknown;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}

let documentPromise: Promise<OpenApiDocument> | null = null;

/** The served OpenAPI document, once per page load: the single source of every action form. */
export function openApi(): Promise<OpenApiDocument> {
  documentPromise ??= getJson<OpenApiDocument>('/api/openapi.json').catch((error: unknown) => {
    documentPromise = null;
    throw error;
  });
  return documentPromise;
}

/** `$ref` and the `allOf: [{ $ref }]` that describes a documented nested object, resolved (keeping the description). */
export function resolve(schema: Schema, document: OpenApiDocument): Schema {
  let current = schema;
  for (let depth = 0; depth < 10; depth++) {
    if (current.$ref) {
      const name = current.$ref.replace('#/components/schemas/', '');
      current = { ...document.components.schemas[name], description: current.description ?? undefined };
    } else if (current.allOf?.length === 1) {
      current = { ...current.allOf[0], description: current.description };
    } else break;
  }
  if (!current.description) delete current.description;
  return current;
}

/** `acceptTransfer` → `accept-transfer`, the action's path segment. */
export function actionPath(action: string): string {
  return action.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** The request body schema of an issue action, from its endpoint in the OpenAPI document. */
export async function actionSchema(action: string): Promise<{ schema: Schema; document: OpenApiDocument }> {
  const document = await openApi();
  const operation = document.paths[`/api/v1/issues/{code}/${actionPath(action)}`]?.post;
  const body = operation?.requestBody?.content?.['application/json']?.schema;
  if (!body) throw new Error(`the API documents no body for ${action}`);
  return { schema: resolve(body, document), document };
}
