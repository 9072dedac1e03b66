import type { Locale, LocalizedText } from './locale';

/** A detail's parameters; a parameter in both languages is picked by the answer's language. */
export type ProblemParams = Record<string, string | number | LocalizedText>;

/**
 * What a problem code says to people. `{name}` in a text is replaced by the exception's parameter `name`. A
 * language left out keeps the text the exception was thrown with (the English of the code that threw it).
 */
export interface ProblemMessages {
  title: Partial<LocalizedText>;
  detail?: Partial<LocalizedText>;
}

const CATALOGUE = new Map<string, ProblemMessages>();

/**
 * Adds a module's problem codes to the catalogue the problem filter reads; each module calls it once, where it
 * defines its errors, and keeps the returned entries to build its exceptions from.
 */
export function defineProblemMessages<T extends Record<string, ProblemMessages>>(entries: T): T {
  for (const [code, messages] of Object.entries(entries)) {
    const existing = CATALOGUE.get(code);
    if (existing && existing !== messages)
      throw new Error(`problem code ${code} is already in the catalogue`);
    CATALOGUE.set(code, messages);
  }
  return entries;
}

export function problemMessages(code: string): ProblemMessages | undefined {
  return CATALOGUE.get(code);
}

/** The text with `{name}` replaced by the parameter in the locale's language; unknown names stay as written. */
export function fillMessage(template: string, params: ProblemParams, locale: Locale): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? value[locale] : String(value);
  });
}

/** The text filled in, or undefined when it names a parameter this problem lacks (the thrown text stays then). */
export function filled(
  template: string | undefined,
  params: ProblemParams,
  locale: Locale,
): string | undefined {
  if (template === undefined) return undefined;
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  return names.every((name) => params[name] !== undefined)
    ? fillMessage(template, params, locale)
    : undefined;
}

/** Title and detail of a code in one language, or undefined where the catalogue leaves the thrown text. */
export function localizedProblemText(
  code: string,
  params: ProblemParams,
  locale: Locale,
): { title?: string; detail?: string } {
  const messages = CATALOGUE.get(code);
  if (!messages) return {};
  const title = filled(messages.title[locale], params, locale);
  const detail = filled(messages.detail?.[locale], params, locale);
  return {
    ...(title !== undefined ? { title } : {}),
    ...(detail !== undefined ? { detail } : {}),
  };
}
