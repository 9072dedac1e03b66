import {
  bool,
  count,
  dateTime,
  nullableDateTime,
  nullableText,
  object,
  pageOf,
  text,
  texts,
} from '../common/response-schemas';

/** One item of 站内信 (`InboxItem`). */
const INBOX_ITEM_SCHEMA = object({
  id: text,
  notificationId: text,
  subject: text,
  body: text,
  createdAt: dateTime,
  readAt: nullableDateTime,
});

/** `GET /api/v1/inbox`: a page, and how many are unread. */
export const INBOX_PAGE_SCHEMA = pageOf(INBOX_ITEM_SCHEMA, { unread: count });

export const INBOX_MARKED_ALL_SCHEMA = object({ marked: count });

export const INBOX_MARKED_ONE_SCHEMA = object({ id: text, read: { type: 'boolean', enum: [true] } });

/** `GET` and `PUT /api/v1/notification-preferences/me`. */
export const NOTIFICATION_PREFERENCES_SCHEMA = object({
  memberId: text,
  channels: texts,
  effectiveChannels: texts,
  quietStart: nullableText,
  quietEnd: nullableText,
  webhookUrl: nullableText,
  webhookSecretSet: bool,
  enabled: bool,
  stored: bool,
});
