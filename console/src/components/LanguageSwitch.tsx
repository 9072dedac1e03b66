import { Radio } from 'antd';
import { useI18n, type Locale } from '../i18n';

/** 中文 first, English as the alternative; the choice is kept in this browser. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div role="radiogroup" aria-label={t('lang.switch')} style={{ whiteSpace: 'nowrap' }}>
      <Radio.Group
        value={locale}
        onChange={(event) => setLocale(event.target.value as Locale)}
        optionType="button"
        size="small"
        options={[
          { value: 'zh-CN', label: t('lang.zh-CN') },
          { value: 'en', label: t('lang.en') },
        ]}
      />
    </div>
  );
}
