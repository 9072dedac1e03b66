import { parseArgs } from 'node:util';
import { passwordProblems } from '../../domain/accounts/password-policy';
import { hashPassword, temporaryPassword } from '../../persistence/password-hash';
import { findCredential, setPasswordHash } from '../../persistence/repositories/credentials.repository';
import { clearFailures } from '../../persistence/repositories/login-failures.repository';
import { findRosterEntry } from '../../persistence/repositories/roster.repository';
import { revokeMemberSessions } from '../../persistence/repositories/sessions.repository';
import { withDatabase } from './cli-database';

const USAGE = `Sets members' passwords for the console (设置成员的控制台登录密码).

  npm run account -- password <member-id>   new password from standard input (not echoed on a terminal)
  npm run account -- reset <member-id>      prints a temporary password the member must change at sign-in

The member signs in with their member id as account name (or their mobile number). Either command ends the
member's open sessions and unlocks the account. The roster is in DATABASE_URL (default: the database of
\`npm start\`).`;

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(code);
}

/** All of standard input's first line (a pipe or a file), without its line break. */
async function readLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

/** One line typed on the terminal with nothing echoed; Ctrl-C gives up. */
function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let typed = '';
    const onData = (data: string): void => {
      for (const ch of data) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          process.stderr.write('\n');
          process.exit(130);
        }
        typed = ch === '\u007f' || ch === '\b' ? [...typed].slice(0, -1).join('') : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function newPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readLine();
  const first = await readHidden('新密码 New password: ');
  const again = await readHidden('再次输入 Again: ');
  if (first !== again) fail('两次输入的密码不一致 The two entries differ', 1);
  return first;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const [command, memberId] = positionals;
  if ((command !== 'password' && command !== 'reset') || !memberId || positionals.length > 2) {
    fail('give `password <member-id>` or `reset <member-id>`');
  }
  const password = command === 'password' ? await newPassword() : temporaryPassword();
  await withDatabase(
    `look up ${memberId}`,
    async (db) => {
      const member = await findRosterEntry(db, memberId);
      if (!member || member.kind !== 'member')
        fail(`没有该在职成员 No active member has the id ${memberId}`, 1);
      if (command === 'password') {
        const credential = await findCredential(db, memberId);
        const problems = passwordProblems(password, {
          accountNames: [memberId, credential?.loginName ?? '', credential?.phone ?? ''],
        });
        if (problems.length > 0) fail(problems.map((p) => `${p.zh}（${p.en}）`).join('\n'), 1);
      }
      await setPasswordHash(db, memberId, await hashPassword(password), command === 'reset');
      await revokeMemberSessions(db, memberId);
      await clearFailures(db, 'account', `member:${memberId}`);
      const account = (await findCredential(db, memberId))?.loginName ?? memberId;
      if (command === 'reset') {
        process.stderr.write(
          `临时密码（首次登录须修改） Temporary password for ${account}, to be changed at sign-in:\n`,
        );
        process.stdout.write(`${password}\n`);
      } else {
        process.stderr.write(`已设置 ${member.name} 的密码 Password set for ${account}\n`);
      }
    },
    fail,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
