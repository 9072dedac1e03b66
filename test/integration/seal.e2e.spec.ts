import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createNotificationActivities } from '../../activities/notifications/notification.activities';
import { SealController } from '../../api/seal/seal.controller';
import { loadNotificationConfig } from '../../config/notification-config';
import { generateSealKey } from '../../documents/seal/seal-keys';
import { DEFAULT_DUTY_POLICY } from '../../domain/duties/duty-policy';
import { monthPeriod, weekPeriod } from '../../domain/duties/periods';
import { draftWeekly } from '../../domain/duties/reports/report-content';
import { contentHash, sealHash } from '../../domain/duties/reports/report-seal';
import {
  dutyReportId,
  dutyReportInput,
  dutyReportWorkflowId,
  type DutyReportInput,
} from '../../domain/duties/reports/reports';
import type { Actor } from '../../domain/organisation/roles';
import { bulletinRound } from '../../workflows/duties/report-rounds.workflow';
import { removeDutyTestData } from '../support/duty-test-data';
import { eventually, startHarness, type Harness } from '../support/harness';
import { actors } from '../support/lifecycle-fixtures';
import { SmtpCapture } from '../support/notification-receivers';
import { checkPdf, compactText } from '../support/pdf-check';
import { bearer } from '../support/tokens';

const run = promisify(execFile);
const RUN = Date.now().toString(36).toUpperCase();
const X = `SE${RUN}-X`;
const id = (name: string) => `se-${RUN.toLowerCase()}-${name}`;
const WEEK_A = '2031-W10';
const WEEK_B = '2031-W11';
const LEGACY_WEEK = '2031-W09';
// One bulletin a period in the whole county: a week no other test uses.
const BULLETIN_WEEK = `2033-W${String((Date.now() % 50) + 1).padStart(2, '0')}`;

const who = {
  xHead: { id: id('x-head'), name: '签章测试局局长', unitCode: X, roles: ['sector_head'] },
  xDeputy: { id: id('x-deputy'), name: '签章测试局副局长', unitCode: X, roles: ['sector_deputy'] },
  ecoHead: { id: id('eco-head'), name: '签章测试环委办主任', unitCode: 'ECO', roles: ['sector_head'] },
  eco: actors.eco,
} satisfies Record<string, Actor>;

function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

/**
 * P10 end to end: reports sealed with the county's SM2 key by the real worker, their PDFs verified through the
 * public endpoints, a changed byte caught, a key rotated with the old seals still verifying, a report of the old
 * scheme said to be unsigned, and a bulletin e-mailed to the county leadership (P8) whose attachment verifies.
 */
describe(SealController.name, () => {
  let h: Harness;
  let db: DataSource;
  const workflows = new Set<string>();
  const reportIds: string[] = [];
  const server = () => request(h.app.getHttpServer());
  const get = (actor: Actor, url: string) => server().get(url).set('authorization', bearer(actor));
  const post = (actor: Actor, url: string, body: object = {}) =>
    server().post(url).set('authorization', bearer(actor)).send(body);
  const pdfOf = async (url: string): Promise<Buffer> =>
    (await get(who.xHead, url).query({ format: 'pdf' }).buffer(true).parse(binary).expect(200))
      .body as Buffer;
  const verifyFile = (pdf: Buffer) =>
    server()
      .post('/api/v1/seal/verify')
      .attach('file', pdf, { filename: 'report.pdf', contentType: 'application/pdf' });

  async function sealWeekly(week: string): Promise<Buffer> {
    const input: DutyReportInput = dutyReportInput('weekly', X, weekPeriod(week), DEFAULT_DUTY_POLICY, 'ECO');
    const workflowId = dutyReportWorkflowId('weekly', X, week);
    await h.client.workflow.start('dutyReport', {
      workflowId,
      taskQueue: h.config.TEMPORAL_TASK_QUEUE,
      args: [input],
    });
    workflows.add(workflowId);
    reportIds.push(dutyReportId('weekly', X, week));
    const url = `/api/v1/reports/weekly/${X}/${week}`;
    await eventually(async () => ((await get(who.xHead, url)).status === 200 ? true : undefined));
    await post(who.xHead, `${url}/approve`).expect(200);
    return pdfOf(`${url}/document`);
  }

  beforeAll(async () => {
    h = await startHarness('it-seal');
    db = h.dataSource;
    await db.query(
      `INSERT INTO units (code, name, kind, parent_code) VALUES ($1, '签章测试局', 'department', 'COUNTY')`,
      [X],
    );
    for (const actor of [who.xHead, who.xDeputy, who.ecoHead])
      await db.query(`INSERT INTO members (id, unit_code, name, roles) VALUES ($1, $2, $3, $4)`, [
        actor.id,
        actor.unitCode,
        actor.name,
        actor.roles,
      ]);
  });

  afterAll(async () => {
    delete process.env.BULLETIN_RECIPIENTS;
    for (const workflowId of workflows) {
      const handle = h.client.workflow.getHandle(workflowId);
      if ((await handle.describe()).status.name === 'RUNNING') await handle.cancel();
    }
    await removeDutyTestData(db, {
      units: [X],
      reportIds,
      memberIds: [who.xHead.id, who.xDeputy.id, who.ecoHead.id],
    });
    await h?.stop();
  });

  let firstPdf: Buffer;
  const firstKey = () => h.sealKey;
  let firstKeyId: string;

  it('P10: a sealed report’s PDF verifies, by file and by either digest, and OpenSSL agrees with its signature', async () => {
    firstKeyId = firstKey().id;
    firstPdf = await sealWeekly(WEEK_A);
    const check = compactText(await checkPdf(firstPdf, 'sealed-weekly'));
    expect(check).toContain(`榕江县电子签章密钥${firstKeyId}：SM2数字签名，SM3摘要`);
    expect(check).toContain('内容摘要（SHA-256，审定稿的内容）');

    const verified = await verifyFile(firstPdf).expect(200);
    expect(verified.body).toMatchObject({
      valid: true,
      verdict: 'sealed',
      report: {
        id: dutyReportId('weekly', X, WEEK_A),
        unitName: '签章测试局',
        approvedByName: who.xHead.name,
      },
      seal: { keyId: firstKeyId, key: { id: firstKeyId, active: true } },
    });
    expect(verified.body.message).toMatch(
      /^验证通过：该文件是榕江县加盖电子签章（SM2\/SM3 签名）的签章测试局/,
    );
    const { sm3, sha256 } = verified.body.checked as { sm3: string; sha256: string };
    for (const digest of [sm3, sha256.toUpperCase()]) {
      const byDigest = await server().post('/api/v1/seal/verify').send({ digest }).expect(200);
      expect(byDigest.body).toMatchObject({ valid: true, verdict: 'sealed', seal: { keyId: firstKeyId } });
    }
    // The same file the API serves is the one e-mailed and the one signed: the report detail names its digests.
    const detail = await get(who.xHead, `/api/v1/reports/weekly/${X}/${WEEK_A}`).expect(200);
    expect(detail.body.seal).toMatchObject({
      scheme: 'SM2-SM3',
      signature: { keyId: firstKeyId, document: { sm3, sha256 } },
    });
    expect(await pdfOf(`/api/v1/reports/weekly/${X}/${WEEK_A}/document`)).toEqual(firstPdf);

    // A clerk can check the signature without this system: the statement, its signature and the public key.
    const keys = await server().get('/api/v1/seal/public-keys').expect(200);
    const key = (keys.body.keys as Array<{ id: string; publicKeyPem: string }>).find(
      (k) => k.id === firstKeyId,
    )!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seal-e2e-'));
    try {
      fs.writeFileSync(path.join(dir, 'pub.pem'), key.publicKeyPem);
      fs.writeFileSync(path.join(dir, 'statement.json'), verified.body.seal.statement as string);
      fs.writeFileSync(
        path.join(dir, 'statement.sig'),
        Buffer.from(verified.body.seal.signature as string, 'hex'),
      );
      const openssl = await run(
        'openssl',
        [
          'dgst',
          '-sm3',
          '-sigopt',
          'distid:1234567812345678',
          '-verify',
          'pub.pem',
          '-signature',
          'statement.sig',
          'statement.json',
        ],
        { cwd: dir },
      );
      expect(openssl.stdout).toContain('Verified OK');
      expect(JSON.parse(verified.body.seal.statement as string)).toMatchObject({ document: { sm3, sha256 } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('P10: a PDF with one byte changed does not verify, and a digest nobody sealed is unknown', async () => {
    const changed = Buffer.from(firstPdf);
    const at = Math.floor(changed.length / 2);
    changed[at] = changed[at] ^ 0x01;
    const answer = await verifyFile(changed).expect(200);
    expect(answer.body).toMatchObject({
      valid: false,
      verdict: 'altered',
      report: { id: dutyReportId('weekly', X, WEEK_A) },
    });
    expect(answer.body.message).toMatch(/^验证未通过：该文件自称是签章测试局.*签章后已被改动/);
    const unknown = await server()
      .post('/api/v1/seal/verify')
      .send({ digest: 'ab'.repeat(32) })
      .expect(200);
    expect(unknown.body).toMatchObject({ valid: false, verdict: 'unknown', report: null, seal: null });
    expect(unknown.body.message).toMatch(/^验证未通过：未找到与该文件对应的本县电子签章记录/);
    const neither = await server().post('/api/v1/seal/verify').send({}).expect(400);
    expect(neither.body.errors[0]).toMatchObject({ field: 'file', rule: 'seal-verify-input' });
    const bad = await server().post('/api/v1/seal/verify').send({ digest: 'xyz' }).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'digest' });
  });

  it('P10: after a key rotation, reports sealed before it still verify with the retired key; new ones use the new key', async () => {
    const second = generateSealKey();
    await h.replaceWorker(second);
    const secondPdf = await sealWeekly(WEEK_B);
    const keys = await server().get('/api/v1/seal/public-keys').expect(200);
    expect(keys.body).toMatchObject({ signature: 'SM2-SM3', userId: '1234567812345678' });
    const listed = keys.body.keys as Array<{ id: string; active: boolean; validUntil: string | null }>;
    expect(listed.filter((k) => k.active).map((k) => k.id)).toEqual([second.id]);
    expect(listed.find((k) => k.id === firstKeyId)).toMatchObject({
      active: false,
      validUntil: expect.any(String),
    });

    const old = await verifyFile(firstPdf).expect(200);
    expect(old.body).toMatchObject({
      valid: true,
      verdict: 'sealed',
      seal: { keyId: firstKeyId, key: { active: false } },
    });
    const fresh = await verifyFile(secondPdf).expect(200);
    expect(fresh.body).toMatchObject({
      valid: true,
      verdict: 'sealed',
      seal: { keyId: second.id, key: { active: true } },
    });
  });

  it('P4: the risk-warning list is approved by the unit’s principal head; the deputy is refused with the rule', async () => {
    const month = '2031-04';
    const input = dutyReportInput('risk_warning', X, monthPeriod(month), DEFAULT_DUTY_POLICY, 'ECO');
    const workflowId = dutyReportWorkflowId('risk_warning', X, month);
    await h.client.workflow.start('dutyReport', {
      workflowId,
      taskQueue: h.config.TEMPORAL_TASK_QUEUE,
      args: [input],
    });
    workflows.add(workflowId);
    reportIds.push(dutyReportId('risk_warning', X, month));
    const url = `/api/v1/reports/risk_warning/${X}/${month}`;
    await eventually(async () => ((await get(who.xHead, url)).status === 200 ? true : undefined));
    const refused = await post(who.xDeputy, `${url}/approve`).expect(403);
    expect(refused.body.errors[0]).toMatchObject({ field: 'actor', rule: 'P4' });
    const approved = await post(who.xHead, `${url}/approve`).expect(200);
    expect(approved.body).toMatchObject({
      status: 'submitted',
      approval: { approverId: who.xHead.id, approverTitle: '分网格长' },
    });
  });

  it('P10: a report sealed under the old scheme stays readable, is marked so, and is not claimed to be signed', async () => {
    const reportId = dutyReportId('weekly', X, LEGACY_WEEK);
    const week = weekPeriod(LEGACY_WEEK);
    const content = draftWeekly(week, {
      unit: { code: X, name: '签章测试局', kind: 'department' },
      grids: [],
      patrols: [],
      ledger: [],
    });
    const hash = contentHash(content);
    const approvedAt = '2031-03-05T03:00:00.000Z';
    const seal = sealHash({
      reportId,
      revision: 1,
      contentHash: hash,
      approver: { id: who.xHead.id, name: who.xHead.name },
      approvedAt,
    });
    await db.query(
      `INSERT INTO duty_reports (id, kind, unit_code, period, period_start, period_end, status, content, content_hash,
         revision, approved_by, approved_by_name, approved_at, seal_hash, submitted_at, on_time)
       VALUES ($1, 'weekly', $2, $3, $4, $5, 'submitted', $6, $7, 1, $8, $9, $10, $11, $10, true)`,
      [
        reportId,
        X,
        LEGACY_WEEK,
        week.start,
        week.end,
        JSON.stringify(content),
        hash,
        who.xHead.id,
        who.xHead.name,
        approvedAt,
        seal,
      ],
    );
    reportIds.push(reportId);
    const detail = await get(who.xHead, `/api/v1/reports/weekly/${X}/${LEGACY_WEEK}`).expect(200);
    expect(detail.body.seal).toMatchObject({ scheme: 'legacy-sha256', signature: null, sealHash: seal });
    const pdf = await pdfOf(`/api/v1/reports/weekly/${X}/${LEGACY_WEEK}/document`);
    const text = compactText(await checkPdf(pdf, 'legacy-weekly'));
    expect(text).toContain('审定（旧方案电子签章，未经密钥签名）');
    expect(text).not.toContain('榕江县电子签章密钥');
    const answer = await verifyFile(pdf).expect(200);
    expect(answer.body).toMatchObject({
      valid: false,
      verdict: 'legacy',
      report: { id: reportId },
      seal: null,
    });
    expect(answer.body.message).toMatch(
      /^无法证明签发者：.*按旧方案审定.*文件内容与系统按旧方案留存的报告一致/,
    );
  });

  it('P8 and P10: the bulletin clock drafts the period’s bulletin; sealed, it is e-mailed to each configured leadership mailbox and its PDF verifies', async () => {
    process.env.BULLETIN_RECIPIENTS = JSON.stringify([
      { name: '县委办公室', email: 'xw@county.example' },
      { name: '县政府办公室', email: 'zf@county.example' },
    ]);
    // The bulletin clock's workflow, as its schedule starts it, here for a given week.
    const round = await h.client.workflow.execute(bulletinRound, {
      workflowId: `bulletinRound-${RUN}`,
      taskQueue: h.config.TEMPORAL_TASK_QUEUE,
      args: [{ periodId: BULLETIN_WEEK }],
    });
    const bulletinId = dutyReportId('bulletin', 'ECO', BULLETIN_WEEK);
    expect(round.started).toEqual([dutyReportWorkflowId('bulletin', 'ECO', BULLETIN_WEEK)]);
    round.started.forEach((w) => workflows.add(w));
    reportIds.push(bulletinId);
    await eventually(async () =>
      (await get(who.eco, `/api/v1/bulletins/${BULLETIN_WEEK}`)).status === 200 ? true : undefined,
    );
    await post(who.ecoHead, `/api/v1/bulletins/${BULLETIN_WEEK}/approve`).expect(200);
    const rows = await db.query<
      Array<{ recipient_name: string; recipient_email: string; status: string; body: string }>
    >(
      `SELECT recipient_name, recipient_email, status, body FROM notification_outbox
       WHERE audience = 'leadership' AND ref = $1 ORDER BY id`,
      [bulletinId],
    );
    expect(rows.map((r) => [r.recipient_name, r.recipient_email, r.status])).toEqual([
      ['县委办公室', 'xw@county.example', 'pending'],
      ['县政府办公室', 'zf@county.example', 'pending'],
    ]);
    expect(rows[0].body).toContain(`榕江县电子签章密钥 ${h.sealKey.id} 以 SM2/SM3`);

    const smtp = await SmtpCapture.start();
    try {
      const dispatcher = createNotificationActivities({
        dataSource: db,
        notificationConfig: loadNotificationConfig({
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(smtp.port),
          NOTIFY_BATCH_SIZE: '100',
          NOTIFY_BACKOFF_SECONDS: '600',
        }),
      });
      while ((await dispatcher.deliverDueNotifications()).claimed > 0);
    } finally {
      await smtp.close();
    }
    const mail = smtp.accepted.find((m) => m.to.includes('xw@county.example'));
    expect(mail).toBeDefined();
    expect(smtp.accepted.some((m) => m.to.includes('zf@county.example'))).toBe(true);
    const attachment = /Content-Type: application\/pdf[^]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(mail!.raw);
    const pdf = Buffer.from(attachment![1].replace(/\s+/g, ''), 'base64');
    const verified = await verifyFile(pdf).expect(200);
    expect(verified.body).toMatchObject({ valid: true, verdict: 'sealed', report: { id: bulletinId } });
    const detail = await get(who.eco, `/api/v1/bulletins/${BULLETIN_WEEK}`).expect(200);
    expect(detail.body.leadershipDeliveries).toEqual([
      expect.objectContaining({ recipient: '县委办公室', status: 'delivered' }),
      expect.objectContaining({ recipient: '县政府办公室', status: 'delivered' }),
    ]);
  });
});
