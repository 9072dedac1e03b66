import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { MEMBER_ROLES, type MemberRole } from '../../domain/organisation/roles';
import { PROJECT_ROOT } from '../../deploy/local/tools';
import {
  findRosterEntry,
  memberExists,
  unitExists,
  upsertServiceAccount,
} from '../../persistence/repositories/roster.repository';
import { withDatabase } from './cli-database';
import { readLocalJwtSecret, signToken, type TokenSubject } from './token-signing';

const USAGE = `Issues a bearer token for a member or a service account (为成员或服务账号签发访问令牌).

  npm run token -- --member demo-ule-head
  npm run token -- --unit ULE --roles sector_head,grid_member --name 张三 [--sub ule-zhangsan]

The second form creates (or updates) the service account <sub> in the roster with that unit, name and roles:
the API reads roles from the roster, never from the token, so the account's row is what counts.
Options: --expires-in <seconds> (default 28800, 8 hours).
The roster is in DATABASE_URL (default: the database of \`npm start\`).
Signs with JWT_SECRET (HS256), or JWT_PRIVATE_KEY (RS256), or the secret \`npm start\` keeps in <DATA_DIR>/jwt-secret.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

const withRoster = <T>(what: string, work: (db: DataSource) => Promise<T>): Promise<T> =>
  withDatabase(what, work, fail);

function memberSubject(id: string): Promise<TokenSubject> {
  return withRoster(`look up ${id}`, async (db) => {
    const entry = await findRosterEntry(db, id);
    if (!entry || entry.kind !== 'member') fail(`no active member has the id ${id}`);
    const roles = entry.roles.filter((role) => MEMBER_ROLES.includes(role));
    return { id: entry.id, name: entry.name, unitCode: entry.unitCode, roles };
  });
}

/** Creates or updates the service account, so the roster gives its tokens the unit and roles asked for. */
function serviceSubject(subject: TokenSubject): Promise<TokenSubject> {
  return withRoster(`record the service account ${subject.id}`, async (db) => {
    if (await memberExists(db, subject.id)) fail(`${subject.id} is a member: use --member ${subject.id}`);
    if (!(await unitExists(db, subject.unitCode))) fail(`no unit has the code ${subject.unitCode}`);
    await upsertServiceAccount(db, subject);
    return subject;
  });
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
    subject = await serviceSubject({
      id: values.sub ?? `${values.unit.toLowerCase()}-${values.name}`,
      name: values.name,
      unitCode: values.unit,
      roles: roles as MemberRole[],
    });
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
