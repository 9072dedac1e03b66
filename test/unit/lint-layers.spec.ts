import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

interface Finding {
  ruleId: string | null;
  message: string;
  fatal: boolean;
}

/** Each layer's import rule, applied by ESLint's own API with the repository's config (in a child process). */
function lint(
  cases: Array<{ filePath: string; code: string }>,
  configFor: string[] = [],
): { results: Finding[][]; configs: Record<string, unknown> } {
  const output = execFileSync(process.execPath, [path.join(root, 'test', 'support', 'lint-check.mjs')], {
    cwd: root,
    input: JSON.stringify({ cases, configFor }),
    encoding: 'utf8',
  });
  return JSON.parse(output) as { results: Finding[][]; configs: Record<string, unknown> };
}

const refused: Array<[string, string, string]> = [
  ['domain/x.ts', `import { readFileSync } from 'node:fs';`, 'no Node built-ins'],
  ['domain/x.ts', `import { readFileSync } from 'fs';`, 'no Node built-ins'],
  // Not in the hand-written list the config had before: the list now comes from Node itself.
  ['domain/duties/x.ts', `import { channel } from 'node:diagnostics_channel';`, 'no Node built-ins'],
  [
    'domain/x.ts',
    `import { dataSourceOptions } from '../persistence/data-source';`,
    'nothing from persistence/',
  ],
  ['domain/duties/x.ts', `import { seed } from '../../persistence/seed/seed';`, 'nothing from persistence/'],
  ['domain/x.ts', `import { Client } from '@temporalio/client';`, 'no @temporalio/*'],
  [
    'domain/issue/x.ts',
    `import type { Repository } from 'typeorm';`,
    'no @temporalio/*, @nestjs/*, typeorm, pg',
  ],
  // The top-level documents/ (rendering), not domain/documents/ (the printable model).
  ['domain/duties/x.ts', `import { renderPdf } from '../../documents/render';`, 'nothing from documents/'],
  ['domain/x.ts', `import { createActivities } from '../activities';`, 'nothing from activities/'],
  ['workflows/x.ts', `import { DataSource } from 'typeorm';`, 'only packages'],
  ['workflows/issue/x.ts', `import { Client } from '@temporalio/client';`, 'only packages'],
  ['workflows/issue/x.ts', `import { Injectable } from '@nestjs/common';`, 'only packages'],
  ['workflows/issue/x.ts', `import { setTimeout } from 'node:timers/promises';`, 'no Node built-ins'],
  [
    'workflows/issue/x.ts',
    `import { createActivities } from '../../activities';`,
    'only types (import type)',
  ],
  [
    'workflows/x.ts',
    `import { openDataSource } from '../persistence/data-source';`,
    'nothing from persistence/',
  ],
  ['activities/x.ts', `import { IssueErrors } from '../api/issues/issues.errors';`, 'nothing from api/'],
  ['activities/duties/x.ts', `import { renderPdf } from '../../api/documents/render';`, 'nothing from api/'],
  ['activities/x.ts', `import { issueLifecycle } from '../workflows/issue/issue.workflow';`, 'only types'],
  ['worker/x.ts', `import { createApp } from '../api/app.factory';`, 'nothing from api/'],
  ['api/issues/x.ts', `import { createWorker } from '../../worker/worker';`, 'nothing from worker/'],
  ['api/issues/x.ts', `import { createActivities } from '../../activities';`, 'nothing from activities/'],
];

const allowed: Array<[string, string]> = [
  ['domain/duties/x.ts', `import type { PrintableDocument } from '../documents/printable';`],
  ['domain/issue/x.ts', `import { ACTION_IDS } from '../process/issue-process.definition';`],
  ['workflows/issue/x.ts', `import { proxyActivities } from '@temporalio/workflow';`],
  ['workflows/issue/x.ts', `import { ApplicationFailure } from '@temporalio/common';`],
  ['workflows/issue/x.ts', `import type { Activities } from '../../activities';`],
  ['workflows/issue/x.ts', `import { startIssue } from '../../domain/issue/lifecycle';`],
  ['activities/x.ts', `import { DataSource } from 'typeorm';`],
  ['activities/x.ts', `import { randomUUID } from 'node:crypto';`],
  ['activities/duties/x.ts', `import type { DutyReportState } from '../../domain/duties/reports';`],
  ['activities/x.ts', `import type { issueLifecycle } from '../workflows/issue/issue.workflow';`],
  [
    'activities/x.ts',
    `import { wakeDispatcherSignal } from '../workflows/notifications/notification.messages';`,
  ],
  ['activities/duties/x.ts', `import { renderPdf } from '../../documents/render';`],
  ['worker/x.ts', `import { createActivities } from '../activities';`],
  ['worker/x.ts', `import { issueLifecycle } from '../workflows/issue/issue.workflow';`],
  ['api/issues/x.ts', `import { issueLifecycle } from '../../workflows/issue/issue.workflow';`],
  ['api/issues/x.ts', `import { Client } from '@temporalio/client';`],
  ['api/issues/x.ts', `import { readFile } from 'node:fs/promises';`],
  ['test/x.ts', `import { createApp } from '../api/app.factory';`],
];

describe('lint layers', () => {
  const { results, configs } = lint(
    [...refused, ...allowed].map(([filePath, code]) => ({
      filePath,
      code: `${code}\nexport const used = 1;\n`,
    })),
    [
      'domain/duties/periods.ts',
      'workflows/issue/issue.workflow.ts',
      'activities/notifications/email.channel.ts',
    ],
  );
  const refusals = results.slice(0, refused.length);
  const passes = results.slice(refused.length);

  it.each(refused.map(([filePath, code, why], i) => [filePath, code, why, i] as const))(
    'refuses in %s: %s',
    (_filePath, _code, why, i) => {
      const findings = refusals[i];
      expect(findings.filter((f) => f.fatal)).toEqual([]);
      expect(findings).toHaveLength(1);
      expect(findings[0].ruleId).toBe('@typescript-eslint/no-restricted-imports');
      expect(findings[0].message).toContain(why);
    },
  );

  it.each(allowed.map(([filePath, code], i) => [filePath, code, i] as const))(
    'allows in %s: %s',
    (_filePath, _code, i) => {
      expect(passes[i]).toEqual([]);
    },
  );

  it('gives each layer file one set of options that holds both the built-in and the layer bans', () => {
    for (const file of ['domain/duties/periods.ts', 'workflows/issue/issue.workflow.ts']) {
      const [level, options] = configs[file] as [
        number,
        { paths: Array<{ name: string }>; patterns: unknown[] },
      ];
      expect(level).toBe(2);
      expect(options.paths.map((p) => p.name)).toEqual(
        expect.arrayContaining(['fs', 'node:fs', 'worker_threads']),
      );
      expect(JSON.stringify(options.patterns)).toContain('persistence');
    }
    const [, activities] = configs['activities/notifications/email.channel.ts'] as [
      number,
      { paths: unknown[] },
    ];
    expect(activities.paths).toEqual([]);
  });
});
