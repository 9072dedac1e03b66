import type { DataSource } from 'typeorm';
import { idempotencyToken, requestHash } from '../../api/common/idempotency.interceptor';

/**
 * What an API process that died in the middle of a POST with an Idempotency-Key leaves behind: its 'in progress'
 * key row, `ageSeconds` old (by default old enough to count as abandoned on any route; 0 for a crash a moment ago).
 * Returns the token the dead attempt worked under, so a test can do the part of the work the attempt got through
 * before it died.
 */
export async function leaveAbandonedRequest(
  dataSource: DataSource,
  request: { key: string; actorId: string; endpoint: string; body: unknown },
  ageSeconds = 180,
): Promise<string> {
  const hash = requestHash(request.body);
  await dataSource.query(
    `INSERT INTO idempotency_keys (key, actor, endpoint, request_hash, state, created_at)
     VALUES ($1, $2, $3, $4, 'in_progress', now() - make_interval(secs => $5))`,
    [request.key, request.actorId, request.endpoint, hash, ageSeconds],
  );
  return idempotencyToken(request.key, request.actorId, request.endpoint, hash);
}
