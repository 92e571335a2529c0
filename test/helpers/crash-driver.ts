/**
 * The child side of the crash harness (test/helpers/crash-harness.ts). Loads the core, says
 * `ready`, waits for `go` on stdin, then opens the data folder (says `open`) and registers visits in a loop
 * through core.call('visits.register', …) — the same dispatcher, validation and transaction the
 * desk's calls go through — until the parent SIGKILLs it. Each registration is reported on stdout
 * as `ack {json}` only after core.call has returned ok, i.e. after the transaction committed.
 *
 *   node crash-driver DATA_DIR ROUND
 */
import { createHash } from 'node:crypto';
import { openCore } from '../../core/app.js';
import { LOCAL_SESSION } from '../../core/kernel/session.js';
import type { Input } from '../../core/api/contract/index.js';
import { idCheckChar } from '../../core/domain/idcard.js';
import { createLogger } from '../../core/kernel/log.js';

type Reg = Input<'visits.register'>;

export interface Ack {
  /** matter id, case number, visit id, person ids, ID numbers of new persons, attachment SHA-256 */
  m: number;
  c: string;
  v: number;
  p: number[];
  ids: string[];
  a: string | null;
  repeat: boolean;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '胡', '朱', '高', '林'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超'];
const BASE_DAY = Date.UTC(1950, 0, 1);

/** A valid Shucheng ID number, distinct for every (round, n) with n < 10,000. */
function uniqueId(round: number, n: number): string {
  const k = round * 10_000 + n;
  const birth = new Date(BASE_DAY + (k % 18_000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `341523${birth}${String(Math.floor(k / 18_000) % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

const write = (line: string): void => {
  // A pipe's stdout is synchronous on POSIX: when this returns, the line is in the kernel's pipe.
  process.stdout.write(`${line}\n`);
};

function run(dataDir: string, round: number): never {
  const core = openCore({ dataDir, township: 'ZMQ', log: createLogger(null, 'silent') });
  write('open');
  const acked: Ack[] = [];
  for (let n = 0; ; n++) {
    const newPerson = (i: number) => {
      const idNumber = uniqueId(round, n * 2 + i);
      return { person: { name: SURNAMES[(n + i) % SURNAMES.length]! + GIVEN[(n * 7 + i) % GIVEN.length]!, idNumber, phones: [`139${String(round * 100_000 + n).padStart(8, '0').slice(-8)}`] }, representative: false };
    };
    const prior = acked.length > 0 && n % 5 === 4 ? acked[n % acked.length]! : null;
    const participants = prior ? [{ person: { personId: prior.p[0]! }, representative: false }] : n % 6 === 1 ? [newPerson(0), newPerson(1)] : [newPerson(0)];
    const bytes = n % 7 === 3 ? Buffer.from(`round ${round} registration ${n} ${'材料'.repeat(200)}`) : null;
    const input: Reg = {
      participants,
      visit: { headcount: participants.length, involved: participants.length },
      matter: prior ? { existingId: prior.m } : { purpose: '申诉求决', category: '国土资源水利林业', tags: ['征地拆迁'], request: `要求兑现征地补偿款（第 ${round} 轮第 ${n} 件）` },
      attachments: bytes ? [{ fileName: '材料.txt', mime: 'text/plain', dataBase64: bytes.toString('base64') }] : [],
    };
    const r = core.call(LOCAL_SESSION, 'visits.register', input);
    if (!r.ok) {
      write(`nak ${r.code} ${r.field ?? ''}`);
      continue;
    }
    const ack: Ack = {
      m: r.value.matterId,
      c: r.value.caseNo,
      v: r.value.visitId,
      p: r.value.personIds,
      ids: participants.flatMap((p) => ('idNumber' in p.person ? [p.person.idNumber] : [])),
      a: bytes ? createHash('sha256').update(bytes).digest('hex') : null,
      repeat: r.value.repeat,
    };
    acked.push(ack);
    write(`ack ${JSON.stringify(ack)}`);
  }
}

const [dataDir, roundArg] = process.argv.slice(2);
if (!dataDir || !roundArg) {
  process.stderr.write('usage: crash-driver DATA_DIR ROUND\n');
  process.exit(2);
}
write('ready');
let buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  buffered += chunk;
  if (buffered.includes('go\n')) {
    process.stdin.pause();
    run(dataDir, Number(roundArg));
  }
});
