import { ProblemException } from '../common/problem';
import { defineProblemMessages } from '../common/problem-catalogue';

/** What the public notice routes answer, Chinese first. */
export const PUBLIC_NOTICE_PROBLEMS = defineProblemMessages({
  'public-notice-not-found': {
    title: { 'zh-CN': '没有该公示', en: 'Public notice not found' },
    detail: {
      'zh-CN': '问题 {code} 目前不在公示期，或编号不存在。',
      en: 'Issue {code} is not under public notice now, or no issue has that code.',
    },
  },
});

export const PublicNoticeErrors = {
  notFound: (code: string) =>
    new ProblemException(
      404,
      'public-notice-not-found',
      'Public notice not found',
      `Issue ${code} is not under public notice now, or no issue has that code.`,
      {},
      { code },
    ),
};
