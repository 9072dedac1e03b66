/**
 * The PRC official holiday arrangements (国务院办公厅关于…部分节假日安排的通知), one entry per year.
 *
 * Days not listed follow the ordinary rule: Monday–Friday work, Saturday–Sunday rest. These built-in years are
 * the default: 县环委办 loads a year's notice through the API (`PUT /api/v1/calendars/{year}`, stored in PostgreSQL),
 * which replaces the built-in year or extends the data by one; no code change is needed for a new year.
 */

/** `published`: copied from the State Council notice; `projected`: derived by us until the notice appears. */
export type ArrangementSource = 'published' | 'projected';

/** The State Council General Office notice a year's arrangement comes from. */
export interface StateCouncilNotice {
  readonly title: string;
  /** Document number, e.g. 国办发明电〔2024〕12号; null while the notice is not out. */
  readonly number: string | null;
  /** Issue date 'YYYY-MM-DD'; null while the notice is not out. */
  readonly issued: string | null;
  readonly url: string | null;
}

export interface OfficialYearArrangement {
  readonly year: number;
  readonly source: ArrangementSource;
  readonly notice: StateCouncilNotice;
  /** 放假: every date the notice gives off, weekend days inside a holiday span included. */
  readonly holidays: readonly string[];
  /** 调休上班: weekend days the notice makes working days. */
  readonly adjustedWorkingDays: readonly string[];
  /** Why a projected year looks the way it does; absent for published years. */
  readonly note?: string;
}

export const OFFICIAL_HOLIDAY_ARRANGEMENTS: readonly OfficialYearArrangement[] = [
  {
    year: 2024,
    source: 'published',
    notice: {
      title: '国务院办公厅关于2024年部分节假日安排的通知',
      number: '国办发明电〔2023〕7号',
      issued: '2023-10-25',
      url: 'https://www.gov.cn/zhengce/zhengceku/202310/content_6911528.htm',
    },
    // prettier-ignore
    holidays: [
      '2024-01-01', // 元旦：1月1日放假，与周末连休
      '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14', '2024-02-15', '2024-02-16', '2024-02-17', // 春节：2月10日至17日
      '2024-04-04', '2024-04-05', '2024-04-06', // 清明节：4月4日至6日
      '2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04', '2024-05-05', // 劳动节：5月1日至5日
      '2024-06-10', // 端午节：6月10日放假，与周末连休
      '2024-09-15', '2024-09-16', '2024-09-17', // 中秋节：9月15日至17日
      '2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-05', '2024-10-06', '2024-10-07', // 国庆节：10月1日至7日
    ],
    // prettier-ignore
    adjustedWorkingDays: [
      '2024-02-04', '2024-02-18', // 春节
      '2024-04-07', // 清明节
      '2024-04-28', '2024-05-11', // 劳动节
      '2024-09-14', // 中秋节
      '2024-09-29', '2024-10-12', // 国庆节
    ],
  },
  {
    year: 2025,
    source: 'published',
    notice: {
      title: '国务院办公厅关于2025年部分节假日安排的通知',
      number: '国办发明电〔2024〕12号',
      issued: '2024-11-12',
      url: 'https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm',
    },
    // prettier-ignore
    holidays: [
      '2025-01-01', // 元旦：1月1日（周三）放假1天，不调休
      '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04', // 春节：1月28日（除夕）至2月4日
      '2025-04-04', '2025-04-05', '2025-04-06', // 清明节：4月4日至6日
      '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05', // 劳动节：5月1日至5日
      '2025-05-31', '2025-06-01', '2025-06-02', // 端午节：5月31日至6月2日
      '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08', // 国庆节、中秋节：10月1日至8日
    ],
    // prettier-ignore
    adjustedWorkingDays: [
      '2025-01-26', '2025-02-08', // 春节
      '2025-04-27', // 劳动节
      '2025-09-28', '2025-10-11', // 国庆节、中秋节
    ],
  },
  {
    year: 2026,
    source: 'published',
    notice: {
      title: '国务院办公厅关于2026年部分节假日安排的通知',
      number: '国办发明电〔2025〕7号',
      issued: '2025-11-04',
      url: 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
    },
    // prettier-ignore
    holidays: [
      '2026-01-01', '2026-01-02', '2026-01-03', // 元旦：1月1日至3日
      '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23', // 春节：2月15日（腊月二十八）至23日，共9天
      '2026-04-04', '2026-04-05', '2026-04-06', // 清明节：4月4日至6日
      '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05', // 劳动节：5月1日至5日
      '2026-06-19', '2026-06-20', '2026-06-21', // 端午节：6月19日至21日
      '2026-09-25', '2026-09-26', '2026-09-27', // 中秋节：9月25日至27日
      '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07', // 国庆节：10月1日至7日
    ],
    // prettier-ignore
    adjustedWorkingDays: [
      '2026-01-04', // 元旦
      '2026-02-14', '2026-02-28', // 春节
      '2026-05-09', // 劳动节
      '2026-09-20', '2026-10-10', // 国庆节
    ],
  },
  {
    year: 2027,
    source: 'projected',
    notice: {
      title: '国务院办公厅关于2027年部分节假日安排的通知（尚未发布）',
      number: null,
      issued: null,
      url: null,
    },
    note:
      'Projected, replace with the notice when it is issued (usually Oct–Nov 2026). Built from the statutory ' +
      'days of 《全国年节及纪念日放假办法》(2024 revision: 除夕, 初一–初三, 5-1, 5-2, 10-1–10-3, one day each for ' +
      '元旦/清明/端午/中秋; a statutory day on a weekend is made up on a weekday) and the notices since 2025: ' +
      'Spring Festival from 除夕 (8–9 days), Labour Day 5 days, National Day 7 days, a Wednesday festival is a ' +
      'single day, at most 6 consecutive working days around a holiday. 2027 dates: 除夕 02-05 (Fri), ' +
      '清明 04-05 (Mon), 端午 06-09 (Wed), 中秋 09-15 (Wed); National Day copies 2021, which had the same weekdays.',
    // prettier-ignore
    holidays: [
      '2027-01-01', '2027-01-02', '2027-01-03', // 元旦：1月1日（周五）与周末连休
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13', // 春节：2月5日（除夕）至13日，共9天
      '2027-04-03', '2027-04-04', '2027-04-05', // 清明节：4月5日（周一）与周末连休
      '2027-05-01', '2027-05-02', '2027-05-03', '2027-05-04', '2027-05-05', // 劳动节：5月1日至5日
      '2027-06-09', // 端午节：6月9日（周三）放假1天
      '2027-09-15', // 中秋节：9月15日（周三）放假1天
      '2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07', // 国庆节：10月1日至7日
    ],
    // prettier-ignore
    adjustedWorkingDays: [
      '2027-01-31', '2027-02-14', // 春节 (Sundays on each side, as in 2024)
      '2027-05-08', // 劳动节
      '2027-09-26', '2027-10-09', // 国庆节
    ],
  },
];
