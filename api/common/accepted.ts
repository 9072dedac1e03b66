import { HttpException } from '@nestjs/common';

/** What a 202 says: the work goes on, and where its outcome will be. */
export interface AcceptedBody {
  status: 'pending';
  /** The Temporal Update id, which is also the last part of `location`. */
  updateId: string;
  location: string;
  message: string;
}

/**
 * Not an error: the answer 202 Accepted with a Location to poll, for work that outlasted the wait a client is
 * given (UPDATE_WAIT_SECONDS). Thrown so the idempotency interceptor keeps no answer for it: a retry with the same
 * key asks again and gets the outcome once there is one.
 */
export class AcceptedForLater extends HttpException {
  constructor(readonly body: AcceptedBody) {
    super(body, 202);
  }
}

/** The 202 of an Update still running, polled at `GET /api/v1/issues/{code}/actions/{updateId}`. */
export function actionPending(code: string, updateId: string): AcceptedForLater {
  const location = `/api/v1/issues/${code}/actions/${encodeURIComponent(updateId)}`;
  return new AcceptedForLater({
    status: 'pending',
    updateId,
    location,
    message: `处理仍在进行，请稍后查询 ${location}（或以同一 Idempotency-Key 重试）。 The action is still running; poll ${location} (or retry with the same Idempotency-Key).`,
  });
}
