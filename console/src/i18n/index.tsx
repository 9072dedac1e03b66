import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'eco-grid.locale';

export function storedLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'zh-CN' ? stored : 'zh-CN';
}

export function format(locale: Locale, key: MessageKey, values?: Record<string, string | number>): string {
  const template = CATALOGUES[locale][key] ?? zhCN[key] ?? key;
  return values ? template.replace(/\{(\w+)\}/g, (m, name: string) => String(values[name] ?? m)) : template;
}

/** Whether a catalogue has a key built at run time (a state, action or event id from the API). */
export function hasMessage(key: string): key is MessageKey {
  return key in zhCN;
}

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, values) => format(locale, key, values) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}

/**
 * The API's texts are Chinese first with English after (`定责任人 Responsible person`): the part for the
 * language shown, the whole text when it cannot be split.
 */
export function bilingual(text: string | undefined, locale: Locale): string {
  if (!text) return '';
  const match = /^(.*?[\p{Script=Han}）)」：；，。、][^A-Za-z]*?)\s+([A-Z`'"(].*)$/u.exec(text);
  if (!match) return text;
  return locale === 'en' ? match[2] : match[1].trim();
}
