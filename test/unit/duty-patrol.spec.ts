import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateConsultationDto } from '../../api/consultations/dto/create-consultation.dto';
import { CreatePatrolDto } from '../../api/patrols/dto/create-patrol.dto';
import {
  attendeeProblems,
  awaitsConsultation,
  issueConsultationData,
} from '../../domain/duties/patrols/consultation';
import { mayConvene } from '../../domain/organisation/roles';
import {
  leadsAsHead,
  mayPatrol,
  patrolPeriodIds,
  patrolTimeProblems,
  relatedGridCodes,
  sourceFitsMethods,
  trackProblem,
  type RosterMember,
} from '../../domain/duties/patrols/patrol';

const NOW = Date.parse('2027-03-10T04:00:00Z'); // Wednesday 12:00 in Shanghai
const at = (iso: string) => new Date(iso);

const validPatrol = {
  gridCode: 'DEMO-ULE-01',
  leaderId: 'demo-ule-leader',
  memberIds: ['demo-ule-member-1'],
  startedAt: '2027-03-09T09:00:00+08:00',
  endedAt: '2027-03-09T11:00:00+08:00',
  methods: ['inspection', 'resident_visit'],
};

/** The fields the DTO validation refuses, as the global ValidationPipe would see them. */
async function refusedFields(dto: new () => object, body: Record<string, unknown>): Promise<string[]> {
  const errors = await validate(plainToInstance(dto, body), { whitelist: true, forbidNonWhitelisted: true });
  const fields: string[] = [];
  const walk = (list: typeof errors, prefix: string) => {
    for (const e of list) {
      const field = prefix ? `${prefix}.${e.property}` : e.property;
      if (e.constraints) fields.push(field);
      walk(e.children ?? [], field);
    }
  };
  walk(errors, '');
  return fields;
}

describe('patrol records (P2)', () => {
  it('P2: a record with grid, leader, members, times and methods of 三三制 is accepted', async () => {
    expect(await refusedFields(CreatePatrolDto, validPatrol)).toEqual([]);
    expect(
      await refusedFields(CreatePatrolDto, {
        ...validPatrol,
        methods: ['inspection', 'open_inspection', 'covert_inspection', 'plant_inside', 'plant_outside'],
        keyPointIds: ['demo-kp-wrb-01'],
        points: [{ name: '桥下' }, { name: '码头', lat: 25.9, lng: 108.5 }],
        track: {
          type: 'LineString',
          coordinates: [
            [108.5, 25.9],
            [108.51, 25.91],
          ],
        },
        notes: '正常',
        issueCodes: ['2027-000001'],
      }),
    ).toEqual([]);
  });

  it('P2: a method outside 三三制 is refused with the allowed ones named; none at all is refused', async () => {
    const errors = await validate(plainToInstance(CreatePatrolDto, { ...validPatrol, methods: ['drone'] }));
    const message = Object.values(errors.find((e) => e.property === 'methods')?.constraints ?? {}).join();
    expect(message).toContain('inspection (巡查)');
    expect(message).toContain('plant_outside (查厂外)');
    expect(await refusedFields(CreatePatrolDto, { ...validPatrol, methods: [] })).toEqual(['methods']);
    expect(
      await refusedFields(CreatePatrolDto, { ...validPatrol, methods: ['inspection', 'inspection'] }),
    ).toEqual(['methods']);
  });

  it('P2: times need an offset and a real date; a point needs lat and lng together', async () => {
    expect(await refusedFields(CreatePatrolDto, { ...validPatrol, startedAt: '2027-03-09 09:00' })).toEqual([
      'startedAt',
    ]);
    expect(await refusedFields(CreatePatrolDto, { ...validPatrol, endedAt: '2027-02-30T10:00:00Z' })).toEqual(
      ['endedAt'],
    );
    expect(
      await refusedFields(CreatePatrolDto, { ...validPatrol, points: [{ name: '桥下', lat: 25.9 }] }),
    ).toEqual(['points.0.lng']);
    expect(await refusedFields(CreatePatrolDto, { ...validPatrol, gridCode: 'a b' })).toEqual(['gridCode']);
    expect(await refusedFields(CreatePatrolDto, { ...validPatrol, extra: 1 })).toEqual(['extra']);
  });

  it('P2: a new problem found on a patrol enters as 巡查 or 访群众 only (L1)', async () => {
    const issue = {
      title: '河道垃圾',
      description: '左岸堆放生活垃圾',
      category: 'domestic_waste',
      severity: 'general',
      township: 'T-GUZHOU',
    };
    expect(
      await refusedFields(CreatePatrolDto, { ...validPatrol, newIssues: [{ ...issue, source: 'patrol' }] }),
    ).toEqual([]);
    expect(
      await refusedFields(CreatePatrolDto, { ...validPatrol, newIssues: [{ ...issue, source: 'media' }] }),
    ).toEqual(['newIssues.0.source']);
    // The rest of the report is the issue report's own (L1): a missing title is refused as it is there.
    expect(
      await refusedFields(CreatePatrolDto, {
        ...validPatrol,
        newIssues: [{ ...issue, title: undefined, source: 'patrol' }],
      }),
    ).toEqual(['newIssues.0.title']);
    expect(sourceFitsMethods('resident_visit', ['inspection'])).toBe(false);
    expect(sourceFitsMethods('resident_visit', ['resident_visit'])).toBe(true);
    expect(sourceFitsMethods('patrol', ['resident_visit'])).toBe(false);
    expect(sourceFitsMethods('patrol', ['covert_inspection'])).toBe(true);
  });

  it('P2: the end comes after the start; neither is in the future nor more than a year ago', () => {
    expect(patrolTimeProblems(at('2027-03-09T01:00:00Z'), at('2027-03-09T03:00:00Z'), NOW)).toEqual([]);
    expect(
      patrolTimeProblems(at('2027-03-09T03:00:00Z'), at('2027-03-09T03:00:00Z'), NOW).map((p) => p.rule),
    ).toEqual(['end-after-start']);
    expect(
      patrolTimeProblems(at('2027-03-10T05:00:00Z'), at('2027-03-10T06:00:00Z'), NOW).map((p) => [
        p.field,
        p.rule,
      ]),
    ).toEqual([
      ['startedAt', 'not-in-future'],
      ['endedAt', 'not-in-future'],
    ]);
    // A phone a few minutes ahead is not "the future".
    expect(patrolTimeProblems(at('2027-03-10T03:00:00Z'), at('2027-03-10T04:03:00Z'), NOW)).toEqual([]);
    expect(
      patrolTimeProblems(at('2026-03-01T01:00:00Z'), at('2026-03-01T02:00:00Z'), NOW).map((p) => p.rule),
    ).toEqual(['max-age', 'max-age']);
  });

  it('P2: a patrol counts in the week and month of its start on the Shanghai clock', () => {
    // Sunday 2027-03-14 23:30 in Shanghai is still week 10; Monday 00:10 is week 11.
    expect(patrolPeriodIds(at('2027-03-14T15:30:00Z'))).toEqual({ weekId: '2027-W10', monthId: '2027-03' });
    expect(patrolPeriodIds(at('2027-03-14T16:10:00Z'))).toEqual({ weekId: '2027-W11', monthId: '2027-03' });
    // 2027-03-31 16:30Z is April 1st in Shanghai.
    expect(patrolPeriodIds(at('2027-03-31T16:30:00Z')).monthId).toBe('2027-04');
  });

  it('P2: a GPS track is a GeoJSON LineString or MultiLineString with [lng, lat] in range', () => {
    expect(
      trackProblem({
        type: 'LineString',
        coordinates: [
          [108.5, 25.9],
          [108.6, 26],
        ],
      }),
    ).toBeNull();
    expect(
      trackProblem({
        type: 'MultiLineString',
        coordinates: [
          [
            [108.5, 25.9],
            [108.6, 26, 310],
          ],
          [
            [1, 2],
            [3, 4],
          ],
        ],
      }),
    ).toBeNull();
    expect(trackProblem({ type: 'Point', coordinates: [108.5, 25.9] })).toMatch(
      /LineString or MultiLineString/,
    );
    expect(trackProblem({ type: 'LineString', coordinates: [[108.5, 25.9]] })).toMatch(
      /at least 2 positions/,
    );
    expect(
      trackProblem({
        type: 'LineString',
        coordinates: [
          [25.9, 108.5],
          [25.9, 108.6],
        ],
      }),
    ).toMatch(/track.coordinates\[0\]\[1\] \(latitude\)/);
    expect(
      trackProblem({
        type: 'LineString',
        coordinates: [
          [190, 25],
          [108, 25],
        ],
      }),
    ).toMatch(/longitude/);
    expect(
      trackProblem({
        type: 'LineString',
        coordinates: [
          [108, '25'],
          [108, 25],
        ],
      }),
    ).toMatch(/numbers/);
    expect(trackProblem({ type: 'MultiLineString', coordinates: [] })).toMatch(/list of lines/);
    expect(
      trackProblem({
        type: 'LineString',
        coordinates: [
          [1, 2],
          [3, 4],
        ],
        properties: {},
      }),
    ).toMatch(/unknown members: properties/);
  });

  const grid = { code: 'T1-V1', unitCode: 'T1', parentGridCode: null };
  const member = (over: Partial<RosterMember>): RosterMember => ({
    id: 'm',
    unitCode: 'T1',
    gridCode: null,
    roles: ['grid_member'],
    active: true,
    ...over,
  });

  it('P2: the people on a patrol are active members of the grid’s unit or assigned to the grid or its 分片', () => {
    const related = relatedGridCodes(grid, ['T1-V1-P1']);
    expect(mayPatrol(member({}), grid, related)).toBe(true);
    expect(mayPatrol(member({ active: false }), grid, related)).toBe(false);
    expect(mayPatrol(member({ unitCode: 'V1', gridCode: 'T1-V1' }), grid, related)).toBe(true); // 支部书记
    expect(mayPatrol(member({ unitCode: 'V1', gridCode: 'T1-V1-P1' }), grid, related)).toBe(true); // 护林员
    expect(mayPatrol(member({ unitCode: 'ULE', gridCode: 'ULE-01' }), grid, related)).toBe(false);
  });

  it('P2: the weekly patrol is led by the grid’s 直接负责人 or the unit’s 网格长/副网格长 (分网格长/副分网格长)', () => {
    expect(leadsAsHead(member({ roles: ['grid_member', 'direct_leader'], gridCode: 'T1-V1' }), grid)).toBe(
      true,
    );
    expect(leadsAsHead(member({ roles: ['grid_member', 'direct_leader'], gridCode: 'T1-V2' }), grid)).toBe(
      false,
    );
    expect(leadsAsHead(member({ roles: ['grid_head'] }), grid)).toBe(true);
    expect(leadsAsHead(member({ roles: ['grid_deputy'] }), grid)).toBe(true);
    expect(leadsAsHead(member({ roles: ['sector_head'], unitCode: 'ULE' }), grid)).toBe(false);
    expect(leadsAsHead(member({ roles: ['grid_member'], gridCode: 'T1-V1' }), grid)).toBe(false);
    expect(leadsAsHead(undefined, grid)).toBe(false);
  });
});

describe('consultation records (P5)', () => {
  it('P5: only grid heads convene a consultation', () => {
    for (const role of [
      'chief',
      'deputy_chief',
      'sector_head',
      'sector_deputy',
      'grid_head',
      'grid_deputy',
    ] as const)
      expect(mayConvene([role])).toBe(true);
    expect(mayConvene(['grid_member', 'direct_leader'])).toBe(false);
    expect(mayConvene(['office_staff'])).toBe(false);
  });

  it('P5: at least 2 attendees, each a member or a name with a unit, nobody twice', async () => {
    expect(attendeeProblems([{ memberId: 'a' }, { name: '王工', unit: '州生态环境局' }])).toEqual([]);
    expect(attendeeProblems([{ memberId: 'a' }]).map((p) => [p.field, p.rule])).toEqual([
      ['attendees', 'P5'],
    ]);
    expect(attendeeProblems([{ memberId: 'a' }, { memberId: 'a' }]).map((p) => p.rule)).toEqual([
      'attendee-once',
    ]);
    expect(attendeeProblems([{ memberId: 'a' }, { name: '王工' }]).map((p) => p.field)).toEqual([
      'attendees[1]',
    ]);
    const body = {
      heldAt: '2027-03-05T15:00:00+08:00',
      topic: '三月会商',
      attendees: [{ memberId: 'demo-ule-head' }, { name: '王工', unit: '州生态环境局' }],
      minutes: '研究部署',
      decisions: [{ text: '三日内清运', owner: '执法局', due: '2027-03-08' }],
    };
    expect(await refusedFields(CreateConsultationDto, body)).toEqual([]);
    expect(await refusedFields(CreateConsultationDto, { ...body, attendees: [{ memberId: 'x' }] })).toEqual([
      'attendees',
    ]);
    expect(await refusedFields(CreateConsultationDto, { ...body, minutes: '  ' })).toEqual(['minutes']);
    expect(
      await refusedFields(CreateConsultationDto, {
        ...body,
        attendees: [{ memberId: 'x' }, { name: '王工' }],
      }),
    ).toEqual(['attendees.1.unit']);
    expect(
      await refusedFields(CreateConsultationDto, {
        ...body,
        decisions: [{ text: '清运', due: '2027-02-30' }],
      }),
    ).toEqual(['decisions.0.due']);
  });

  it('P5: the record goes to an issue as its own consultation, dated on the Shanghai calendar (L12)', () => {
    const data = issueConsultationData({
      heldAt: at('2027-03-04T17:00:00Z'), // 01:00 on March 5th in Shanghai
      attendees: [{ name: '李局长', unit: 'ULE' }, { name: '王工' }],
      minutes: '研究整改',
      decisions: [{ text: '清运', owner: '执法局', due: '2027-03-08' }, { text: '复查' }],
    });
    expect(data).toEqual({
      date: '2027-03-05',
      attendees: ['李局长（ULE）', '王工'],
      minutes: '研究整改',
      decisions: ['清运；责任：执法局；时限：2027-03-08', '复查'],
    });
    expect(awaitsConsultation({ obligations: [{ kind: 'consultation' }] })).toBe(true);
    expect(awaitsConsultation({ obligations: [{ kind: 'rectification' }] })).toBe(false);
  });
});
