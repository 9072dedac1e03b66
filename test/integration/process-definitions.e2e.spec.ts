import request from 'supertest';
import { ProcessDefinitionsController } from '../../api/process-definitions/process-definitions.controller';
import { ISSUE_PROCESS } from '../../domain/process/issue-process.definition';
import { checkBpmn } from '../support/bpmn-check';
import { startHarness, type Harness } from '../support/harness';

// The definition over HTTP, in both representations, through the real application.
const path = `/api/v1/process-definitions/${ISSUE_PROCESS.id}`;

describe(ProcessDefinitionsController.name, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('it-process-defs');
  });
  afterAll(async () => {
    await h?.stop();
  });
  const http = () => request(h.app.getHttpServer());

  it('returns the definition as JSON by default', async () => {
    const response = await http().get(path).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers.vary).toMatch(/Accept/i);
    expect(response.body).toEqual(JSON.parse(JSON.stringify(ISSUE_PROCESS)));
  });

  it('returns JSON when the client prefers it over XML', async () => {
    const response = await http()
      .get(path)
      .set('Accept', 'application/json, application/xml;q=0.5')
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body.version).toBe(ISSUE_PROCESS.version);
  });

  it.each(['application/xml', 'application/bpmn+xml', 'application/bpmn+xml, application/json;q=0.8'])(
    'returns BPMN 2.0 XML that bpmn-moddle reads without warnings for Accept: %s',
    async (accept) => {
      const response = await http().get(path).set('Accept', accept).buffer(true).expect(200);
      expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(
        `inline; filename="${ISSUE_PROCESS.id}-v${ISSUE_PROCESS.version}.bpmn"`,
      );
      const check = await checkBpmn(response.text);
      expect(check.warnings).toEqual([]);
      expect(check.lint).toEqual([]);
      expect(check.processes.map((p) => p.id)).toEqual([ISSUE_PROCESS.id]);
      const tasks = check.flowElements.filter((e) => e.type === 'bpmn:UserTask').map((e) => e.name);
      expect(tasks.sort()).toEqual(ISSUE_PROCESS.actions.map((a) => a.label).sort());
      expect(check.flowElements).toContainEqual(
        expect.objectContaining({ type: 'bpmn:CallActivity', calledElement: 'jointInvestigation' }),
      );
    },
  );

  it('answers an unknown definition with a 404 problem', async () => {
    const response = await http().get('/api/v1/process-definitions/no-such-process').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(response.text)).toMatchObject({
      status: 404,
      code: 'process-definition-not-found',
      instance: '/api/v1/process-definitions/no-such-process',
    });
  });
});
