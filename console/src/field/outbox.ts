import { get, set } from 'idb-keyval';
import { ApiProblem, newIdempotencyKey, postJson, request } from '../api/client';

/** A report as POST /api/v1/issues takes it, without the evidence ids (photos are uploaded when it is sent). */
export interface ReportBody {
  title: string;
  description: string;
  category: string;
  severity: 'general' | 'major';
  source: string;
  /** L16: the patrol record a problem found on patrol was found on. */
  patrolId?: string;
  township: string;
  location?: { lat: number; lng: number };
}

/** A report kept on the phone until it is sent: its Idempotency-Key makes a second sending the same report. */
export interface QueuedReport {
  key: string;
  createdAt: string;
  body: ReportBody;
  photos: Blob[];
  /** Set when the API refused it (not for a missing network): the member must change or discard it. */
  error?: string;
}

export interface SentReport {
  code: string;
  possibleDuplicates?: Array<{ code: string; title: string }>;
}

const OUTBOX_KEY = 'eco-grid.outbox';
const DRAFT_KEY = 'eco-grid.report-draft';
/** Announced on window whenever the outbox changes (queued, sent, refused). */
export const OUTBOX_CHANGED = 'eco-grid:outbox-changed';

export async function queued(): Promise<QueuedReport[]> {
  return (await get<QueuedReport[]>(OUTBOX_KEY)) ?? [];
}

async function save(reports: QueuedReport[]): Promise<void> {
  await set(OUTBOX_KEY, reports);
  window.dispatchEvent(new Event(OUTBOX_CHANGED));
}

export async function enqueue(body: ReportBody, photos: Blob[]): Promise<QueuedReport> {
  const report: QueuedReport = {
    key: newIdempotencyKey(),
    createdAt: new Date().toISOString(),
    body,
    photos,
  };
  await save([...(await queued()), report]);
  return report;
}

export async function discard(key: string): Promise<void> {
  await save((await queued()).filter((report) => report.key !== key));
}

/** Uploads the photos (evidence ids are content hashes: a photo sent twice is stored once), then the report. */
export async function send(report: QueuedReport): Promise<SentReport> {
  const evidence: string[] = [];
  for (const [index, photo] of report.photos.entries()) {
    const form = new FormData();
    form.append('file', photo, `photo-${index + 1}.jpg`);
    const response = await request('/api/v1/evidence', { method: 'POST', form });
    evidence.push(((await response.json()) as { id: string }).id);
  }
  return postJson<SentReport>('/api/v1/issues', { ...report.body, evidence }, { idempotencyKey: report.key });
}

let flushing: Promise<SentReport[]> | null = null;

/** Sends what waits in the outbox, oldest first; stops at the first missing network, keeps refusals marked. */
export function flush(): Promise<SentReport[]> {
  flushing ??= (async () => {
    const sent: SentReport[] = [];
    try {
      for (const report of await queued()) {
        if (report.error) continue;
        try {
          sent.push(await send(report));
          await discard(report.key);
        } catch (error) {
          if (error instanceof ApiProblem && error.status !== 0 && error.status !== 401) {
            const reports = await queued();
            const entry = reports.find((r) => r.key === report.key);
            if (entry) entry.error = [error.title, error.detail].filter(Boolean).join('：');
            await save(reports);
            continue;
          }
          break;
        }
      }
    } finally {
      flushing = null;
    }
    return sent;
  })();
  return flushing;
}

/** Sends the outbox whenever the network comes back, and once now. */
export function startOutboxSync(): () => void {
  const online = () => void flush().catch(() => undefined);
  window.addEventListener('online', online);
  online();
  return () => window.removeEventListener('online', online);
}

/** The form as it was left (kept while typing, so a dropped signal or a closed tab loses nothing). */
export interface FormDraft {
  values: Partial<ReportBody>;
  photos: Blob[];
}

export async function loadDraft(): Promise<FormDraft | undefined> {
  return get<FormDraft>(DRAFT_KEY);
}

export async function saveDraft(draft: FormDraft | undefined): Promise<void> {
  await set(DRAFT_KEY, draft);
}
