import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { MEMBER_ROLES, type MemberRole } from '../../domain/organisation/roles';
import { PROJECT_ROOT } from '../../deploy/local/tools';
import { openDataSource } from '../../persistence/data-source';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import { readLocalJwtSecret, signToken, type TokenSubject } from './token-signing';

const USAGE = `Issues a bearer token for local use (签发本地使用的访问令牌).

  npm run token -- --member demo-ule-head
  npm run token -- --unit ULE --roles sector_head,grid_member --name 张三 [--sub ule-zhangsan]

Options: --expires-in <seconds> (default 28800, 8 hours).
The member is looked up in DATABASE_URL (default: the database of \`npm start\`).
Signs with JWT_SECRET (HS256), or JWT_PRIVATE_KEY (RS256), or the secret \`npm start\` keeps in <DATA_DIR>/jwt-secret.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function memberSubject(id: string): Promise<TokenSubject> {
  const url =
    process.env.DATABASE_URL ||
    `postgres://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_PG_PORT || '54329'}/eco_grid`;
  let dataSource: DataSource;
  try {
    dataSource = await openDataSource(url, { poolSize: 1 });
  } catch (error) {
    fail(
      `cannot reach the database to look up ${id} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  try {
    const row = await new OrganisationRepository(dataSource).member(id);
    if (!row?.active) fail(`no active member has the id ${id}`);
    return {
      id: row.id,
      name: row.name,
      unitCode: row.unitCode,
      // The column holds whatever was stored; only roles this version knows go into a token.
      roles: (row.roles as string[]).filter((role): role is MemberRole =>
        MEMBER_ROLES.includes(role as MemberRole),
      ),
    };
  } finally {
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      member: { type: 'string' },
      unit: { type: 'string' },
      roles: { type: 'string' },
      name: { type: 'string' },
      sub: { type: 'string' },
      'expires-in': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let subject: TokenSubject;
  if (values.member) {
    subject = await memberSubject(values.member);
  } else if (values.unit && values.roles && values.name) {
    const roles = values.roles.split(',').map((role) => role.trim());
    const unknown = roles.filter((role) => !MEMBER_ROLES.includes(role as MemberRole));
    if (unknown.length > 0)
      fail(`unknown role(s) ${unknown.join(', ')}; roles are ${MEMBER_ROLES.join(', ')}`);
    subject = {
      id: values.sub ?? `${values.unit.toLowerCase()}-${values.name}`,
      name: values.name,
      unitCode: values.unit,
      roles: roles as MemberRole[],
    };
  } else {
    fail('give --member <id>, or --unit, --roles and --name');
  }
  const expiresIn = values['expires-in'] ? Number(values['expires-in']) : 8 * 3600;
  if (!Number.isInteger(expiresIn) || expiresIn < 1) fail('--expires-in must be a whole number of seconds');

  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(PROJECT_ROOT, '.data'));
  const secret =
    process.env.JWT_SECRET || (process.env.JWT_PRIVATE_KEY ? undefined : readLocalJwtSecret(dataDir));
  const privateKey = process.env.JWT_PRIVATE_KEY?.replace(/\\n/g, '\n');
  if (!secret && !privateKey) {
    fail(
      `no signing key: set JWT_SECRET or JWT_PRIVATE_KEY, or run \`npm start\` once (it writes ${dataDir}/jwt-secret)`,
    );
  }
  const token = signToken(subject, {
    ...(secret ? { secret } : { privateKey }),
    issuer: process.env.JWT_ISSUER || undefined,
    audience: process.env.JWT_AUDIENCE || undefined,
    expiresIn,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
