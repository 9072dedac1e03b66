import { createHmac } from 'node:crypto';
import { SendError } from './email.channel';

export const SIGNATURE_HEADER = 'X-EcoGrid-Signature';
export const TIMESTAMP_HEADER = 'X-EcoGrid-Timestamp';
export const DELIVERY_HEADER = 'X-EcoGrid-Delivery';

/** `sha256=<hex HMAC-SHA256 of the raw body>` with the endpoint's secret. */
export function signature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** What a receiver gets; `timestamp` repeats the header inside the signed body, so a replay can be recognised. */
export interface WebhookPayload {
  deliveryId: string;
  notificationId: string;
  /** The issue, or null for a standing-duty notice. */
  issueCode: string | null;
  /** What a standing-duty notice is about (a report id, `grid/<code>`), or null. */
  ref: string | null;
  kind: string;
  subject: string;
  body: string;
  recipient: { memberId: string | null; name: string | null; unitCode: string | null };
  createdAt: string;
  timestamp: string;
}

/** One signed POST; a 2xx answer is success, 408/429/5xx and network errors are retried, other 4xx are final. */
export async function postWebhook(
  url: string,
  secret: string,
  payload: WebhookPayload,
  timeoutMs: number,
): Promise<void> {
  const raw = JSON.stringify(payload);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        [SIGNATURE_HEADER]: signature(secret, raw),
        [TIMESTAMP_HEADER]: payload.timestamp,
        [DELIVERY_HEADER]: payload.deliveryId,
        'Idempotency-Key': payload.deliveryId,
      },
      body: raw,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    throw new SendError(`webhook ${name === 'TimeoutError' ? 'timed out' : `unreachable (${name})`}`, false);
  }
  if (response.ok) return;
  const status = response.status;
  throw new SendError(
    `webhook HTTP ${status}`,
    status >= 400 && status < 500 && status !== 408 && status !== 429,
  );
}
