import { Tag } from 'antd';
import { hasMessage, useI18n } from '../i18n';
import { beijing, distance, isPast } from '../time';

/** A catalogue label for an id the API sends (state, action, event type), or the id itself. */
export function useLabel() {
  const { t } = useI18n();
  return (
    prefix: 'state' | 'action' | 'event' | 'todo' | 'obligation' | 'source' | 'severity',
    id: string,
  ) => {
    const key = `${prefix}.${id}`;
    return hasMessage(key) ? t(key) : id;
  };
}

/** Solid tag colours: white text on them passes WCAG AA contrast (the light preset tags do not). */
export const TAG = {
  green: '#0b6e4f',
  blue: '#1d4ed8',
  orange: '#a15c07',
  red: '#b42318',
  grey: '#4b5563',
} as const;

export function EscalationTag({ level }: { level: number }) {
  const { t } = useI18n();
  if (!level) return <span>{t('escalation.0')}</span>;
  const colors = [TAG.grey, TAG.orange, TAG.red, TAG.red];
  const key = `escalation.${Math.min(level, 3)}`;
  return <Tag color={colors[Math.min(level, 3)]}>{hasMessage(key) ? t(key) : String(level)}</Tag>;
}

export function SeverityTag({ severity }: { severity: string }) {
  const label = useLabel();
  return severity === 'major' ? (
    <Tag color={TAG.red}>{label('severity', severity)}</Tag>
  ) : (
    <Tag>{label('severity', severity)}</Tag>
  );
}

/** A deadline in Beijing time with how long is left, or how long it is overdue. */
export function Deadline({ iso, overdue }: { iso: string | null; overdue?: boolean }) {
  const { t } = useI18n();
  if (!iso) return <span>—</span>;
  const past = isPast(iso);
  const late = overdue ?? past;
  // Overdue on an earlier obligation while this deadline is still ahead: no "overdue by" a time to come.
  const text = !late
    ? t('issue.dueIn', { time: distance(iso) })
    : past
      ? t('issue.overdueBy', { time: distance(iso) })
      : t('issue.overdue');
  return (
    <span>
      <time dateTime={iso}>{beijing(iso)}</time>
      <br />
      <span className={late ? 'overdue-text' : undefined}>{text}</span>
    </span>
  );
}

/** A catalogue text for a key built at run time, or `fallback` when the catalogue has none. */
export function useOptionalText() {
  const { t } = useI18n();
  return (key: string, fallback: string) => (hasMessage(key) ? t(key) : fallback);
}
