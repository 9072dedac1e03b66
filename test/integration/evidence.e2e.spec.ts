import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { EvidenceController } from '../../api/evidence/evidence.controller';
import { startHarness, type Harness } from '../support/harness';
import { IssueApi } from '../support/http-lifecycle';
import { actors } from '../support/lifecycle-fixtures';
import { bearer } from '../support/tokens';

type Who = (typeof actors)[keyof typeof actors];

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const unique = (head: Buffer) => Buffer.concat([head, randomBytes(64)]);
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Collects a binary response body into a Buffer. */
function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe(EvidenceController.name, () => {
  let h: Harness;
  const server = () => request(h.app.getHttpServer());
  const upload = (who: Who, content: Buffer, filename: string, contentType = 'application/octet-stream') =>
    server()
      .post('/api/v1/evidence')
      .set('authorization', bearer(who))
      .attach('file', content, { filename, contentType });

  beforeAll(async () => {
    h = await startHarness('it-evidence');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('stores a file under the sha256 of its content, and serves it back with its type', async () => {
    const content = unique(PNG);
    const created = await upload(actors.wrbMember, content, '现场照片.png', 'image/png').expect(201);
    expect(created.body).toEqual({
      id: sha256(content),
      sha256: sha256(content),
      size: content.length,
      mediaType: 'image/png',
    });
    expect(created.headers.location).toBe(`/api/v1/evidence/${sha256(content)}`);

    const read = await server()
      .get(`/api/v1/evidence/${sha256(content)}`)
      .set('authorization', bearer(actors.uleMember))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(read.headers['content-type']).toBe('image/png');
    expect(read.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(read.body as Buffer, content)).toBe(0);
  });

  it('the same content uploaded again gets the same id: 201 first, 200 later', async () => {
    const content = unique(Buffer.from('%PDF-1.7\n'));
    const first = await upload(actors.wrbMember, content, 'a.pdf').expect(201);
    const again = await upload(actors.uleMember, content, 'renamed.pdf').expect(200);
    expect(again.body).toEqual(first.body);
    expect(first.body.mediaType).toBe('application/pdf');
    const [{ count }] = await h.dataSource.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM evidence_files WHERE id = $1`,
      [first.body.id],
    );
    expect(count).toBe(1);
  });

  it.each([
    ['jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    [
      'webp',
      Buffer.concat([Buffer.from('RIFF'), Buffer.from([1, 2, 3, 4]), Buffer.from('WEBPVP8 ')]),
      'image/webp',
    ],
  ])('accepts %s by its magic bytes', async (_name, head, mediaType) => {
    const response = await upload(actors.eco, unique(head), 'file.bin').expect(201);
    expect(response.body.mediaType).toBe(mediaType);
  });

  it('a file that only claims to be a photo is 415 (decided by magic bytes)', async () => {
    const response = await upload(
      actors.eco,
      Buffer.from('<html><script>alert(1)</script></html>'),
      'photo.jpg',
      'image/jpeg',
    ).expect(415);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('evidence-type-unsupported');
  });

  it('a file over 10 MB is 413', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    const response = await upload(actors.eco, big, 'big.png', 'image/png').expect(413);
    expect(response.body.code).toBe('payload-too-large');
  });

  it('bad requests are 4xx, never 5xx', async () => {
    await server()
      .post('/api/v1/evidence')
      .set('authorization', bearer(actors.eco))
      .field('x', 'y')
      .expect(400);
    await server()
      .post('/api/v1/evidence')
      .set('authorization', bearer(actors.eco))
      .attach('other', unique(PNG), 'a.png')
      .expect(400);
    await server()
      .post('/api/v1/evidence')
      .set('authorization', bearer(actors.eco))
      .send({ file: 'x' })
      .expect(400);
    await upload(actors.eco, Buffer.alloc(0), 'empty.png').expect((response) => {
      expect([400, 415]).toContain(response.status);
    });
    await server().get('/api/v1/evidence/not-a-hash').set('authorization', bearer(actors.eco)).expect(400);
    await server()
      .get(`/api/v1/evidence/${'0'.repeat(64)}`)
      .set('authorization', bearer(actors.eco))
      .expect(404);
    await server()
      .get(`/api/v1/evidence/${'0'.repeat(64)}`)
      .expect(401);
    await server().post('/api/v1/evidence').attach('file', unique(PNG), 'a.png').expect(401);
  });

  it('L4: an action naming an evidence id that was never uploaded is 422 and changes nothing; an uploaded one is taken', async () => {
    const api = new IssueApi(h);
    const code = await api.prepare('accepted');
    const before = await api.eventRows(code);
    const neverUploaded = sha256(randomBytes(32));
    const refused = await api.act(actors.uleMember, code, 'recordImmediateFix', {
      description: '现场清运垃圾',
      evidence: ['现场检查记录第12号', neverUploaded],
    });
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({
      code: 'unknown-reference',
      errors: [{ field: 'evidence[1]', rule: 'known-reference' }],
    });
    expect((await api.state(code)).status).toBe('accepted');
    expect(await api.eventRows(code)).toBe(before);

    const photo = unique(PNG);
    const uploaded = await upload(actors.uleMember, photo, '整改后.png', 'image/png').expect(201);
    const fixed = await api.ok(actors.uleMember, code, 'recordImmediateFix', {
      description: '现场清运垃圾',
      evidence: ['现场检查记录第12号', uploaded.body.id as string],
    });
    expect(fixed.status).toBe('fix_confirmation');
  });
});
