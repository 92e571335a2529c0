// The national record's fields (issue 16, item 5): stated at registration (匿名, 联名 with the count,
// 被反映人/单位, 重大紧急, 涉法涉诉, the earlier matter repeated), computed where the record knows it
// (初次信访, 重复信访, 积案), and exported as xlsx in the record's order, read back with exceljs.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import type { Core } from '../../../core/app.js';
import type { Input } from '../../../core/api/contract/index.js';
import { NATIONAL_COLUMNS, isBacklog, nationalCells, NO_RECORD_FIELDS, type NationalRow } from '../../../core/domain/national-record.js';
import { recordFieldsOf } from '../../../core/store/matter-record.js';
import { fixedClock, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

const TODAY = '2026-11-24';
const ok = <T>(r: { ok: true; value: T } | { ok: false; message_zh: string; code?: string }): T => {
  if (!r.ok) throw new Error(`${r.code}: ${r.message_zh}`);
  return r.value;
};
type NewMatter = Extract<Input<'visits.register'>['matter'], { request: string }>;

function register(core: Core, person: Input<'visits.register'>['participants'][number]['person'], on: string, extra: Partial<NewMatter> = {}) {
  return core.call(LOCAL_SESSION, 'visits.register', {
    participants: [{ person }],
    visit: { headcount: 1, involved: 1, visitedAt: `${on}T09:00:00+08:00` },
    matter: { purpose: '申诉求决', category: '民政', request: '低保未批', ...extra },
  });
}

async function settle(core: Core, id: string) {
  for (;;) {
    const s = ok(core.call(LOCAL_SESSION, 'jobs.status', { jobId: id }));
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('national record fields', () => {
  it('keeps what was stated at registration and refuses what cannot be', () => {
    const core = testCore({ township: 'ZMQ', clock: fixedClock(`${TODAY}T10:00:00+08:00`) });
    const a = ok(register(core, { name: '王一', idNumber: makeId('1960-01-01', 11) }, '2026-06-01'));
    const b = ok(
      register(core, { personId: a.personIds[0]! }, '2026-11-20', {
        jointCount: 12, reportedParty: '某村村民委员会', urgent: true, litigation: true, repeatOf: a.matterId,
      }),
    );
    expect(recordFieldsOf(core.ctx.db, b.matterId)).toMatchObject({ anonymous: false, jointCount: 12, reportedParty: '某村村民委员会', urgent: true, litigation: true, repeatOf: a.matterId });
    // The matter page shows them, with what the record computes.
    expect(ok(core.call(LOCAL_SESSION, 'matters.get', { matterId: b.matterId })).record).toMatchObject({
      jointCount: 12, urgent: true, repeatOf: a.matterId, repeatOfCaseNo: a.caseNo, repeat: true, firstAtCenter: false, backlog: false, receivedOn: null, sourceBody: '',
    });
    expect(ok(core.call(LOCAL_SESSION, 'matters.get', { matterId: a.matterId })).record).toMatchObject({ firstAtCenter: true, repeat: false, backlog: false });
    // Nothing stated: the defaults, as for a matter registered before migration 018.
    expect(recordFieldsOf(core.ctx.db, a.matterId)).toMatchObject(NO_RECORD_FIELDS);

    // 联名 means two signers or more; the earlier matter must be one of these persons'.
    const one = register(core, { personId: a.personIds[0]! }, '2026-11-21', { jointCount: 1 });
    expect(one).toMatchObject({ ok: false, field: 'matter.jointCount', message_zh: '联名人数至少为 2 人' });
    const other = register(core, { name: '李二', idNumber: makeId('1961-01-01', 13) }, '2026-11-21', { repeatOf: a.matterId });
    expect(other).toMatchObject({ ok: false, code: 'REPEAT_OF_UNRELATED', field: 'matter.repeatOf' });
    const long = register(core, { personId: a.personIds[0]! }, '2026-11-21', { reportedParty: '某'.repeat(201) });
    expect(long).toMatchObject({ ok: false, field: 'matter.reportedParty', message_zh: '被反映人/单位不能超过 200 字' });
    core.close();
  });

  it('computes 初次信访, 重复信访 and 积案 and exports them in the record order, read back with exceljs', async () => {
    const core = testCore({ township: 'ZMQ', clock: fixedClock(`${TODAY}T10:00:00+08:00`) });
    // K: registered 2026-03-01 and still open: 积案 from the 181st day (2026-08-29); the person's first matter.
    const k = ok(register(core, { name: '张三', idNumber: makeId('1970-01-01', 21) }, '2026-03-01'));
    // N: the same person again, a new matter naming K as the one it repeats; not a first matter.
    const n = ok(register(core, { personId: k.personIds[0]! }, '2026-11-20', { repeatOf: k.matterId, jointCount: 3, reportedParty: '镇自然资源所', urgent: true }));
    // Z: anonymous, litigation-related, someone new: first at this center, no repeat, not 积案 (8 days old).
    const z = ok(register(core, { name: '赵四', noIdReason: '匿名来信', confirmedNotDuplicate: true }, '2026-11-16', { anonymous: true, litigation: true }));
    // A repeat visit on Z makes it 重复信访 without naming an earlier matter.
    ok(core.call(LOCAL_SESSION, 'visits.register', { participants: [{ person: { personId: z.personIds[0]! } }], visit: { headcount: 1, involved: 1, visitedAt: '2026-11-23T09:00:00+08:00' }, matter: { existingId: z.matterId } }));

    const job = ok(core.call(LOCAL_SESSION, 'matters.exportNational', { view: 'all' }));
    const done = await settle(core, job.id);
    expect(done.state).toBe('done');
    const result = done.result as { fileName: string; rows: number; base64: string };
    expect(result.rows).toBe(3);
    expect(result.fileName).toMatch(/^全国信访信息系统登记项-\d{4}-\d{2}-\d{2}\.xlsx$/);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(result.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(NATIONAL_COLUMNS.map((c) => c.header));
    const col = (h: string) => header.indexOf(h) + 1;
    const byCase = new Map<string, ExcelJS.Row>();
    ws.eachRow((row, i) => {
      if (i > 1) byCase.set(String(row.getCell(1).value), row);
    });
    const cell = (caseNo: string, h: string) => byCase.get(caseNo)!.getCell(col(h)).value;
    const [kNo, nNo, zNo] = [k.caseNo, n.caseNo, z.caseNo];

    expect(cell(kNo, '是否初次信访')).toBe('是');
    expect(cell(nNo, '是否初次信访')).toBe('否');
    expect(cell(zNo, '是否初次信访')).toBe('是');
    expect([cell(kNo, '是否重复信访'), cell(nNo, '是否重复信访'), cell(zNo, '是否重复信访')]).toEqual(['否', '是', '是']);
    expect(cell(nNo, '原信访件编号')).toBe(kNo);
    expect(cell(zNo, '原信访件编号')).toBe('');
    expect(cell(zNo, '重复来访次数')).toBe(1);
    expect([cell(kNo, '是否积案'), cell(nNo, '是否积案'), cell(zNo, '是否积案')]).toEqual(['是', '否', '否']);
    expect([cell(nNo, '是否联名'), cell(nNo, '联名人数'), cell(kNo, '联名人数')]).toEqual(['是', 3, '']);
    expect(cell(nNo, '被反映人/单位')).toBe('镇自然资源所');
    expect([cell(nNo, '是否重大紧急'), cell(kNo, '是否重大紧急')]).toEqual(['是', '否']);
    expect([cell(zNo, '是否涉法涉诉'), cell(nNo, '是否涉法涉诉')]).toEqual(['是', '否']);
    // Anonymous: nobody named, no ID; a named person's ID is masked (first 4, last 4).
    expect([cell(zNo, '是否匿名'), cell(zNo, '信访人'), cell(zNo, '证件号码')]).toEqual(['是', '匿名', '']);
    expect(cell(kNo, '信访人')).toBe('张三');
    expect(String(cell(kNo, '证件号码'))).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect([cell(kNo, '信访形式'), cell(kNo, '登记日期'), cell(kNo, '信访事项概况')]).toEqual(['走访', '2026-03-01', '低保未批']);
    core.close();
  });

  it('puts each cell in its column (the pure mapping)', () => {
    const row: NationalRow = {
      caseNo: 'ZMQ-2026-000001', registeredOn: '2026-01-02', channel: '上级转送', sourceBody: '舒城县信访局', sourceNo: '舒信转〔2026〕3号',
      persons: '甲、乙', idNumber: null, headcount: 2, involved: 5, isGroup: false,
      record: { ...NO_RECORD_FIELDS, jointCount: 2 }, repeatOfCaseNo: null, firstAtCenter: true, repeatVisits: 0, backlogOn: '2026-07-02',
      place: '张母桥镇', purpose: '申诉求决', category: '民政', request: '诉求', skips: '县、进京', stateLabel: '待受理', unit: null,
    };
    const cells = nationalCells(row, '2026-07-01');
    const at = (h: string) => cells[NATIONAL_COLUMNS.findIndex((c) => c.header === h)];
    expect([at('来源机关（上级转送/批示）'), at('来源文号'), at('证件号码'), at('联名人数'), at('是否积案'), at('越级情况')]).toEqual([
      '舒城县信访局', '舒信转〔2026〕3号', '', 2, '否', '县、进京',
    ]);
    expect(isBacklog('2026-07-02', '2026-07-02')).toBe(true);
    expect(isBacklog(null, '2026-07-02')).toBe(false);
  });
});
