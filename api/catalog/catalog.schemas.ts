import { arrayOf, object, text } from '../common/response-schemas';

/** 职责类别 One category of the responsibility catalog. */
export const CATEGORY_SCHEMA = object({
  code: text,
  name: text,
  ownerUnitCode: text,
  description: text,
  version: { type: 'integer', minimum: 1 },
});

/** The catalog's suggested owner of a category. */
export const SUGGESTED_OWNER_SCHEMA = object({
  category: text,
  categoryName: text,
  ownerUnitCode: text,
  ownerUnitName: text,
});

/** L22: where river- and forest-chief findings go, and what that unit does with them. */
export const PATROL_ROUTES_SCHEMA = arrayOf(
  object({
    source: text,
    unit_code: text,
    unit_name: text,
    duty: { type: 'string', enum: ['dispatch', 'cooperate'] },
    description: text,
  }),
);
