import request from 'supertest';
import type { Actor } from '../../domain/organisation/roles';
import { startHarness, type Harness } from '../support/harness';
import { bearer } from '../support/tokens';

const eco: Actor = { id: 'demo-eco-1', name: '县环委办干部', unitCode: 'ECO', roles: ['office_staff'] };
const wrbHead: Actor = { id: 'it-cat-wrb', name: '水务局局长', unitCode: 'WRB', roles: ['sector_head'] };

describe('Responsibility catalog API', () => {
  let h: Harness;
  const http = () => request(h.app.getHttpServer());

  beforeAll(async () => {
    h = await startHarness('it-catalog');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('lists the SPEC §2 catalog and suggests the owning unit of a category', async () => {
    const page = await http()
      .get('/api/v1/responsibility-categories?pageSize=200')
      .set('Authorization', bearer(wrbHead));
    expect(page.status).toBe(200);
    expect(page.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'domestic_waste', ownerUnitCode: 'ULE' })]),
    );
    expect(page.body.items.some((c: { ownerUnitCode: string }) => c.ownerUnitCode === 'ECO')).toBe(false);
    const suggested = await http()
      .get('/api/v1/responsibility-categories/suggest-owner?category=medical_waste')
      .set('Authorization', bearer(wrbHead));
    expect(suggested.body).toEqual({
      category: 'medical_waste',
      categoryName: '医疗废物收集、贮存、处置',
      ownerUnitCode: 'HLT',
      ownerUnitName: expect.any(String),
    });
    const unknown = await http()
      .get('/api/v1/responsibility-categories/suggest-owner?category=no_such_thing')
      .set('Authorization', bearer(wrbHead));
    expect(unknown.status).toBe(404);
    const malformed = await http()
      .get('/api/v1/responsibility-categories/suggest-owner?category=DROP%20TABLE')
      .set('Authorization', bearer(wrbHead));
    expect([malformed.status, malformed.body.errors[0].field]).toEqual([400, 'category']);
    const missing = await http()
      .get('/api/v1/responsibility-categories/suggest-owner')
      .set('Authorization', bearer(wrbHead));
    expect(missing.status).toBe(400);
  });

  it('县环委办 edits the catalog with If-Match; the suggestion follows; the owner must be a unit', async () => {
    const unknownOwner = await http()
      .post('/api/v1/responsibility-categories')
      .set('Authorization', bearer(eco))
      .send({ code: 'it_light_pollution', name: '光污染', ownerUnitCode: 'NO-SUCH-UNIT' });
    expect([unknownOwner.status, unknownOwner.body.errors[0].field]).toEqual([422, 'ownerUnitCode']);

    const created = await http()
      .post('/api/v1/responsibility-categories')
      .set('Authorization', bearer(eco))
      .send({ code: 'it_light_pollution', name: '光污染', ownerUnitCode: 'HUD' });
    expect([created.status, created.headers.etag]).toEqual([201, '"1"']);

    const noMatch = await http()
      .patch('/api/v1/responsibility-categories/it_light_pollution')
      .set('Authorization', bearer(eco))
      .send({ ownerUnitCode: 'ULE' });
    expect(noMatch.status).toBe(428);
    const stale = await http()
      .patch('/api/v1/responsibility-categories/it_light_pollution')
      .set('Authorization', bearer(eco))
      .set('If-Match', '"5"')
      .send({ ownerUnitCode: 'ULE' });
    expect(stale.status).toBe(412);
    const moved = await http()
      .patch('/api/v1/responsibility-categories/it_light_pollution')
      .set('Authorization', bearer(eco))
      .set('If-Match', '"1"')
      .send({ ownerUnitCode: 'ULE' });
    expect([moved.status, moved.body.ownerUnitCode, moved.headers.etag]).toEqual([200, 'ULE', '"2"']);
    const suggested = await http()
      .get('/api/v1/responsibility-categories/suggest-owner?category=it_light_pollution')
      .set('Authorization', bearer(wrbHead));
    expect(suggested.body.ownerUnitCode).toBe('ULE');

    const badOwner = await http()
      .patch('/api/v1/responsibility-categories/it_light_pollution')
      .set('Authorization', bearer(eco))
      .set('If-Match', '"2"')
      .send({ ownerUnitCode: 'NOPE' });
    expect(badOwner.status).toBe(422);

    const gone = await http()
      .delete('/api/v1/responsibility-categories/it_light_pollution')
      .set('Authorization', bearer(eco))
      .set('If-Match', '"2"');
    expect(gone.status).toBe(204);
    expect(
      (
        await http()
          .get('/api/v1/responsibility-categories/it_light_pollution')
          .set('Authorization', bearer(eco))
      ).status,
    ).toBe(404);
  });

  it('only 县环委办 writes the catalog (403, nothing changed); no token is 401; bad input is 4xx', async () => {
    const current = await http()
      .get('/api/v1/responsibility-categories/river_sand_mining')
      .set('Authorization', bearer(wrbHead));
    const write = await http()
      .patch('/api/v1/responsibility-categories/river_sand_mining')
      .set('Authorization', bearer(wrbHead))
      .set('If-Match', current.headers.etag)
      .send({ ownerUnitCode: 'NRB' });
    expect(write.status).toBe(403);
    const create = await http()
      .post('/api/v1/responsibility-categories')
      .set('Authorization', bearer(wrbHead))
      .send({ code: 'it_other', name: '其他', ownerUnitCode: 'WRB' });
    expect(create.status).toBe(403);
    const after = await http()
      .get('/api/v1/responsibility-categories/river_sand_mining')
      .set('Authorization', bearer(wrbHead));
    expect([after.body.ownerUnitCode, after.headers.etag]).toEqual(['WRB', current.headers.etag]);

    expect((await http().get('/api/v1/responsibility-categories')).status).toBe(401);
    for (const body of [
      { code: 'Has Spaces', name: 'x', ownerUnitCode: 'WRB' },
      { code: 'it_x', name: '', ownerUnitCode: 'WRB' },
      { code: 'it_x', name: 'x', ownerUnitCode: 'wrb lower' },
      { code: 'it_x', name: 'x', ownerUnitCode: 'WRB', extra: 1 },
      { code: 'it_x', name: 'x'.repeat(200), ownerUnitCode: 'WRB' },
    ]) {
      const res = await http()
        .post('/api/v1/responsibility-categories')
        .set('Authorization', bearer(eco))
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toEqual(
        expect.objectContaining({ field: expect.any(String), rule: expect.any(String) }),
      );
    }
  });
});
