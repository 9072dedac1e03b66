import type { PrintableDocument } from '../../domain/documents/printable';
import type {
  BattleMap,
  BattleMapGrid,
  BattleMapPerson,
  BattleMapTimetableEntry,
} from '../../domain/duties/battle-map/battle-map';
import { formatShanghai } from '../../domain/duties/periods';
import { UNIT_KIND_LABELS } from '../../domain/organisation/organisation.types';
import { printedDate } from '../../documents/layout';
import { ROLE_LABELS, SEVERITY_LABELS, STATUS_LABELS, escalationLabel } from '../common/issue-labels';

const ISSUE_ROLE_LABELS: Record<string, string> = {
  owner: '整改责任单位',
  sector_owner: ROLE_LABELS.sector_owner,
  territorial_owner: ROLE_LABELS.territorial_owner,
};

function contact(p: BattleMapPerson): string {
  return [p.phone, p.publicContact].filter(Boolean).join(' / ');
}

function personRow(duty: string, p: BattleMapPerson, grid: string): Array<string | null> {
  return [
    duty,
    p.name,
    p.roleLabels.join('、'),
    [p.post, p.isSectionCadre ? '科级干部' : null].filter(Boolean).join('、'),
    grid,
    contact(p),
  ];
}

function flatten(grids: BattleMapGrid[], depth = 0): Array<{ grid: BattleMapGrid; depth: number }> {
  return grids.flatMap((grid) => [{ grid, depth }, ...flatten(grid.subAreas, depth + 1)]);
}

function milestones(entry: BattleMapTimetableEntry): string {
  return entry.milestones.map((m) => `${m.date} ${m.description}${m.done ? '（已完成）' : ''}`).join('；');
}

/** The 作战图 as a printable document: organisation, duties, grid division, key points and the timetable. */
export function battleMapDocument(map: BattleMap): PrintableDocument {
  const generatedAt = new Date(map.generatedAt);
  const all = flatten(map.grids);
  const people = [
    ...map.organisation.heads.map((p) =>
      personRow(p.roleLabels.find((l) => l.includes('网格长')) ?? '网格长', p, ''),
    ),
    ...map.organisation.deputies.map((p) =>
      personRow(p.roleLabels.find((l) => l.includes('副')) ?? '副网格长', p, ''),
    ),
    ...map.organisation.liaisons.map((p) => personRow('网格信息联络人员', p, '')),
    ...all.flatMap(({ grid }) =>
      grid.members.map((p) =>
        personRow(
          p.roleLabels.includes('直接负责人') ? '直接负责人' : (p.roleLabels[0] ?? '网格员'),
          p,
          grid.name,
        ),
      ),
    ),
    ...map.organisation.others.map((p) => personRow('其他人员', p, '')),
  ];
  const keyPoints = all.flatMap(({ grid }) => grid.keyPoints.map((kp) => ({ kp, grid })));
  const overdue = map.timetable.filter((entry) => entry.overdue).length;
  return {
    title: `${map.unit.name}网格监管作战图`,
    subtitle: `生成时间：${formatShanghai(generatedAt)}（北京时间）`,
    meta: [
      ['单位', map.unit.name],
      ['单位类型', UNIT_KIND_LABELS[map.unit.kind] ?? map.unit.kind],
      ['网格数', `${all.length}个（含分片）`],
      ['重点监控点位', `${keyPoints.length}个`],
      ['在办问题', `${map.timetable.length}个`],
      ['其中逾期', `${overdue}个`],
    ],
    sections: [
      {
        heading: '一、组织体系',
        table: {
          columns: ['职务', '姓名', '角色', '岗位', '所属网格', '联系方式'],
          widths: [14, 14, 20, 16, 24, 20],
          rows: people,
        },
      },
      {
        heading: '二、工作职责',
        paragraphs: [map.duties.statement, ...map.duties.standing.map((duty, i) => `${i + 1}. ${duty}`)],
        ...(map.duties.categories.length > 0
          ? {
              table: {
                columns: ['序号', '职责类别', '说明'],
                widths: [8, 40, 52],
                rows: map.duties.categories.map((c, i) => [i + 1, c.name, c.description]),
              },
            }
          : {}),
      },
      {
        heading: '三、网格划分',
        table: {
          columns: ['序号', '网格编号', '网格名称', '类型', '所在村', '直接负责人', '网格员', '重点点位'],
          widths: [5, 16, 22, 9, 14, 11, 22, 18],
          rows: all.map(({ grid, depth }, i) => [
            i + 1,
            grid.code,
            `${depth > 0 ? '└ ' : ''}${grid.name}`,
            grid.kindLabel,
            grid.village,
            grid.directLeader?.name ?? '（未设）',
            grid.members.map((p) => p.name).join('、'),
            grid.keyPoints.map((kp) => kp.name).join('、'),
          ]),
        },
      },
      {
        heading: '四、重点监控区域和点位',
        table: {
          columns: ['序号', '点位名称', '所属网格', '纬度', '经度', '说明'],
          widths: [6, 24, 24, 10, 10, 26],
          rows: keyPoints.map(({ kp, grid }, i) => [
            i + 1,
            kp.name,
            grid.name,
            kp.lat,
            kp.lng,
            kp.description,
          ]),
        },
      },
      {
        heading: '五、问题整改时间表',
        paragraphs: [
          '本单位作为整改责任单位、行业主管部门或属地乡镇的在办问题，按整改时限（无整改方案的按当前办理时限）先后排列。',
        ],
        table: {
          columns: [
            '序号',
            '问题编号',
            '问题标题',
            '问题类别',
            '严重程度',
            '当前状态',
            '本单位角色',
            '责任单位',
            '责任人',
            '整改时限',
            '进度节点',
            '是否逾期',
            '督办级别',
          ],
          widths: [5, 13, 24, 16, 8, 10, 12, 14, 9, 11, 24, 7, 10],
          rows: map.timetable.map((entry, i) => [
            i + 1,
            entry.code,
            entry.title,
            entry.categoryName,
            SEVERITY_LABELS[entry.severity] ?? entry.severity,
            STATUS_LABELS[entry.status] ?? entry.status,
            entry.roles.map((role) => ISSUE_ROLE_LABELS[role] ?? role).join('、'),
            entry.responsibleUnit,
            entry.responsiblePerson,
            entry.timeLimit ?? (entry.dueAt ? `${printedDate(entry.dueAt)}（办理时限）` : ''),
            milestones(entry),
            entry.overdue ? '是' : '否',
            entry.countySupervision && entry.escalationLevel < 2
              ? '县级督办'
              : escalationLabel(entry.escalationLevel),
          ]),
        },
      },
    ],
    footer: `${map.unit.name} · 网格监管作战图（P9）· ${formatShanghai(generatedAt).slice(0, 10)}`,
  };
}
