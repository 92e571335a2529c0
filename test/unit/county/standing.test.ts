/**
 * The county's standing table gives each township exactly the figures the township's own 统计研判
 * report gives for the same period (one implementation, two scopes), the county totals add them,
 * and a person registered at two townships is found at both; on both engines of the county store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import type { Core } from '../../../core/app.js';
import type { CountyDesk } from '../../../core/bundle/county.js';
import { exportBundle } from '../../../core/bundle/export.js';
import { importBundle } from '../../../core/bundle/import.js';
import ExcelJS from 'exceljs';
import { dropReplicas, exportXlsx, personAcrossCounty, watchList, searchPersons, standing, supervision, townshipMatters, townshipReplica } from '../../../core/services/county.js';
import { sanwuConditions } from '../../../core/store/settings.js';
import { statsReport } from '../../../core/services/stats.js';
import { forEachCountyEngine, newCounty, newTownship } from '../../helpers/bundle.js';
import { makeId } from '../../helpers/ids.js';

const open: { close(): void | Promise<void> }[] = [];
afterEach(async () => {
  dropReplicas();
  for (const o of open.splice(0)) await o.close();
});

const SHARED_ID = makeId('1970-05-05', 7);

function register(core: Core, name: string, idNumber: string, skip = false): void {
  const r = core.call(LOCAL_SESSION, 'visits.register', {
    participants: [{ person: { name, idNumber, phones: ['13812345678'] } }],
    visit: { headcount: 1, involved: 1 },
    matter: { purpose: '申诉求决', category: '国土资源水利林业', tags: ['征地拆迁'], request: '要求兑现征地补偿款', levelSkips: skip ? [{ level: 'county' }] : [] },
    attachments: [],
  });
  if (!r.ok) throw new Error(`${r.code} ${r.message_zh}`);
}

async function twoTownships(): Promise<{ county: CountyDesk; zmq: Core; cg: Core }> {
  const county = await newCounty();
  const zmq = await newTownship(county, { township: 'ZMQ' });
  const cg = await newTownship(county, { township: 'CG' });
  open.push(county, zmq, cg);
  register(zmq, '张三', SHARED_ID, true);
  register(zmq, '李四', makeId('1980-01-02', 11));
  register(cg, '张三', SHARED_ID);
  register(cg, '王五', makeId('1990-03-04', 13), true);
  register(cg, '赵六', makeId('1975-07-08', 15));
  for (const core of [zmq, cg]) expect((await importBundle(county, (await exportBundle(core.ctx)).file)).ok).toBe(true);
  return { county, zmq, cg };
}

forEachCountyEngine(() => {
  describe('the standing table', () => {
    it("gives each township its own report's figures, and county totals that add them", async () => {
      const { county, zmq, cg } = await twoTownships();
      const from = '2026-11-01';
      const to = '2026-11-30';
      const table = await standing(county, from, to);
      expect(table.rows).toHaveLength(22);
      for (const [code, core] of [['ZMQ', zmq], ['CG', cg]] as const) {
        const own = core.call(LOCAL_SESSION, 'stats.report', { from, to });
        if (!own.ok) throw new Error(own.code);
        const row = table.rows.find((r) => r.township === code)!;
        expect(row.imported).toBe(true);
        for (const [id, value] of Object.entries(row.figures)) expect(value, id).toEqual(own.value.figures.find((f) => f.id === id)!.current);
        expect(row.sanwu).toBe(own.value.sanwu.met);
        expect(row.zeroVillages).toEqual({ zero: own.value.villages.zero, total: own.value.villages.total, share: own.value.villages.share });
      }
      expect(table.rows.find((r) => r.township === 'ZMQ')!.figures.registered!.num).toBe(2);
      expect(table.totals.figures.registered).toMatchObject({ num: 5 });
      expect(table.totals.imported).toBe(2);
      expect(table.rows.filter((r) => !r.imported)).toHaveLength(20);
      // In the 通报's order: the two that reported ranked by 按期办结率 (no rate yet below any rate), then the rest, unranked.
      expect(table.rows.map((r) => r.rank)).toEqual([1, 2, ...Array<null>(20).fill(null)]);
      const close = (r: (typeof table.rows)[number]) => r.figures.timelyClose?.value ?? -1;
      expect(close(table.rows[0]!)).toBeGreaterThanOrEqual(close(table.rows[1]!));
      expect(table.rows.slice(2).map((r) => r.township)).toEqual([...table.rows.slice(2).map((r) => r.township)].sort((a, b) => a.localeCompare(b)));
      // The columns are named by the township report's own figures (a narrow name where one is set).
      const report = zmq.call(LOCAL_SESSION, 'stats.report', { from, to });
      if (!report.ok) throw new Error(report.code);
      for (const c of table.columns) expect(c.label, c.id).toBe(report.value.figures.find((f) => f.id === c.id)!.label);
      expect(table.columns.map((c) => c.short)).toEqual(['及时受理率', '按期办结率', '参评率', '满意率', '包案化解率', '初信初访一次性化解率', '积案化解率']);
    });

    it('carries 非正常上访 to the county: its replica breaks 无进京非正常上访 as the township does', async () => {
      const county = await newCounty();
      const zmq = await newTownship(county, { township: 'ZMQ' });
      open.push(county, zmq);
      for (const [n, abnormal] of [[21, false], [23, true]] as const) {
        const r = zmq.call(LOCAL_SESSION, 'visits.register', {
          participants: [{ person: { name: '王五', idNumber: makeId('1960-01-01', n) } }],
          visit: { headcount: 1, involved: 1 },
          matter: { purpose: '申诉求决', category: '民政', request: '低保', levelSkips: [{ level: 'beijing', abnormal }] },
        });
        if (!r.ok) throw new Error(r.code);
      }
      expect((await importBundle(county, (await exportBundle(zmq.ctx)).file)).ok).toBe(true);
      const replica = (await townshipReplica(county, 'ZMQ'))!;
      const from = '2026-01-01';
      const to = '2026-12-31';
      const there = statsReport(replica, { township: 'ZMQ' }, from, to, { today: to, sanwu: sanwuConditions(replica), scopeName: '张母桥镇' }).sanwu;
      const own = zmq.call(LOCAL_SESSION, 'stats.report', { from, to });
      if (!own.ok) throw new Error(own.code);
      expect(there.conditions.map((c) => c.broken)).toEqual([1, 2, 0]);
      expect(there.conditions).toEqual(own.value.sanwu.conditions);
    });

    it('exports the 通报 workbook with the ranking and the county totals as the page has them, and no ID number', async () => {
      const { county } = await twoTownships();
      const from = '2026-01-01';
      const to = '2026-12-31';
      const table = await standing(county, from, to);
      const file = await exportXlsx(county, from, to);
      expect(file.fileName).toBe(`舒城县信访工作通报_${from}_${to}.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(file.base64!, 'base64') as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['排名', '逾期', '临期']);
      const rank = wb.getWorksheet('排名')!;
      expect(String(rank.getCell('A1').value)).toContain('2026年');
      const header = (rank.getRow(2).values as unknown[]).slice(1);
      expect(header.slice(4, 4 + table.columns.length)).toEqual(table.columns.map((c) => c.label));
      // Rows 3…24: the 22 townships, the two that reported ranked 1 and 2; row 25: the county.
      const byName = new Map<string, unknown[]>();
      for (let i = 3; i <= 24; i++) byName.set(String(rank.getRow(i).getCell(2).value), (rank.getRow(i).values as unknown[]).slice(1));
      expect(byName.size).toBe(22);
      for (const r of table.rows.filter((x) => x.imported)) {
        const cells = byName.get(r.name)!;
        expect([cells[2], Array.from(cells.slice(4, 4 + table.columns.length), (v) => v ?? null)]).toEqual([r.sanwu ? '是' : '否', table.columns.map((c) => r.figures[c.id]?.value ?? null)]);
        expect(cells[0]).toBe(r.rank);
      }
      expect(byName.get('城关镇')).toBeDefined();
      const total = (rank.getRow(25).values as unknown[]).slice(1);
      expect([total[1], total[2]]).toEqual(['全县', `${table.totals.sanwuMet}/${table.totals.imported}`]);
      expect(file.base64!.length).toBeGreaterThan(1000);
      let text = '';
      wb.eachSheet((ws) => ws.eachRow((row) => (text += JSON.stringify(row.values))));
      expect(text).not.toContain(SHARED_ID);
    });

    it("drills down into a township's matters, masked", async () => {
      const { county } = await twoTownships();
      const rows = await townshipMatters(county, 'CG');
      expect(rows).toHaveLength(3);
      expect(JSON.stringify(rows)).not.toContain(SHARED_ID);
    });
  });

  describe('supervision (督查督办)', () => {
    it("lists each township's matters by the desk's own deadlines: due within three days, then overdue", async () => {
      const { county, zmq } = await twoTownships();
      const registered = zmq.ctx.clock.now().getTime();
      const at = (days: number) => ((county as { clock: CountyDesk['clock'] }).clock = { now: () => new Date(registered + days * 86_400_000) });
      at(1);
      expect(await supervision(county)).toMatchObject({ overdue: [], dueSoon: [] });
      at(13); // the 15 days to decide end within three days
      const soon = await supervision(county);
      expect(soon.overdue).toEqual([]);
      expect(soon.dueSoon.map((r) => r.township).sort()).toEqual(['CG', 'CG', 'CG', 'ZMQ', 'ZMQ']);
      expect(soon.dueSoon.every((r) => r.dueKind === '告知受理' && r.daysOver <= 0)).toBe(true);
      at(20);
      const late = await supervision(county);
      expect(late.overdue).toHaveLength(5);
      expect(late.byTownship).toEqual([
        { township: 'CG', name: expect.any(String), overdue: 3, dueSoon: 0 },
        { township: 'ZMQ', name: expect.any(String), overdue: 2, dueSoon: 0 },
      ]);
      expect(late.overdue.every((r) => r.daysOver === 5 && r.dueKind === '告知受理')).toBe(true);
      expect(JSON.stringify(late)).not.toContain(SHARED_ID);
    });
  });

  describe('a petitioner across the county', () => {
    it('finds a person registered at two townships by ID number, name or initials, and lists them', async () => {
      const { county } = await twoTownships();
      // An ID tail and initials are index ranges (county migration 004): a tail matches only its own end.
      for (const q of [SHARED_ID, SHARED_ID.slice(-6), '张三', 'zs', 'ZS']) {
        const found = await searchPersons(county, q);
        const p = found.find((r) => r.name === '张三')!;
        expect(p, q).toMatchObject({ name: '张三', townships: ['CG', 'ZMQ'].sort(), matters: 2, skips: 1 });
        expect(JSON.stringify(found), q).not.toContain(SHARED_ID);
        // The key names the person without the ID number, and opens both townships' matters.
        const person = await personAcrossCounty(county, p.key);
        expect(person.matters.map((m) => m.townshipName).sort()).toEqual(['城关镇', '张母桥镇'].sort());
      }
      const otherTail = SHARED_ID.slice(-6, -1) + (SHARED_ID.at(-1) === '1' ? '2' : '1');
      expect((await searchPersons(county, otherTail)).filter((r) => r.name === '张三')).toEqual([]);
      expect((await searchPersons(county, SHARED_ID.slice(0, 6))).filter((r) => r.name === '张三'), 'a head is no tail').toEqual([]);
      await expect(personAcrossCounty(county, SHARED_ID)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await watchList(county, 'several')).map((p) => p.name)).toEqual(['张三']);
    });

    it('keeps the watch lists: at two townships or more, with 越级 records, coming again on a matter; masked', async () => {
      const county = await newCounty();
      const zmq = await newTownship(county, { township: 'ZMQ' });
      const cg = await newTownship(county, { township: 'CG' });
      open.push(county, zmq, cg);
      register(zmq, '张三', SHARED_ID, true);
      register(cg, '张三', SHARED_ID);
      register(cg, '王五', makeId('1990-03-04', 13), true);
      register(cg, '赵六', makeId('1975-07-08', 15));
      // 赵六 comes back twice on his matter; 王五 once.
      const again = (core: Core, name: string, times: number) => {
        const found = core.call(LOCAL_SESSION, 'persons.search', { q: name });
        if (!found.ok) throw new Error(found.code);
        const personId = found.value[0]!.id;
        const matters = core.call(LOCAL_SESSION, 'matters.ofPersons', { personIds: [personId] });
        if (!matters.ok) throw new Error(matters.code);
        for (let i = 0; i < times; i++) {
          const r = core.call(LOCAL_SESSION, 'visits.register', { participants: [{ person: { personId } }], visit: { headcount: 1, involved: 1 }, matter: { existingId: matters.value[0]!.id } });
          if (!r.ok) throw new Error(r.code);
        }
      };
      again(cg, '赵六', 2);
      again(cg, '王五', 1);
      for (const core of [zmq, cg]) expect((await importBundle(county, (await exportBundle(core.ctx)).file)).ok).toBe(true);
      expect((await watchList(county, 'several')).map((p) => [p.name, p.townships])).toEqual([['张三', ['CG', 'ZMQ']]]);
      expect((await watchList(county, 'skipping')).map((p) => [p.name, p.skips]).sort()).toEqual([['张三', 1], ['王五', 1]].sort());
      const repeat = await watchList(county, 'repeat');
      expect(repeat.map((p) => [p.name, p.repeats, p.townships])).toEqual([['赵六', 2, ['CG']], ['王五', 1, ['CG']]]);
      expect(JSON.stringify(repeat)).not.toContain(makeId('1975-07-08', 15));
    });
  });
});
