/**
 * Issue 18, the loop back down, end to end: the county hands a batch of 3 交办件 down to a township →
 * the desk imports them → the desk resolves one and exports → the county imports (and answers with a
 * receipt), its batch view shows 3 handed down and 1 resolved → the desk imports the receipt and shows
 * the bundle 已接收. On both county engines.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../core/kernel/session.js';
import type { Core } from '../../core/app.js';
import { exportBundle } from '../../core/bundle/export.js';
import { importWithReceipt } from '../../core/bundle/receipt.js';
import { assignBatch, batchView } from '../../core/services/county-assign.js';
import { importFromCounty } from '../../core/services/inbound.js';
import { bundleStatus } from '../../core/services/bundles.js';
import type { JobDto } from '../../core/domain/views/jobs.js';
import { forEachCountyEngine, movableClock, newCounty, newTownship, registerOne } from '../helpers/bundle.js';
import { makeId } from '../helpers/ids.js';

const ok = <T>(r: { ok: true; value: T } | { ok: false; code: string; message_zh: string }): T => {
  if (!r.ok) throw new Error(`${r.code} ${r.message_zh}`);
  return r.value;
};

async function waitJob(core: Core, job: JobDto): Promise<JobDto> {
  while (job.state === 'running') {
    await new Promise((r) => setTimeout(r, 10));
    job = ok(core.call(LOCAL_SESSION, 'jobs.status', { jobId: job.id }));
  }
  return job;
}

/** Imports a county file through the contract, as 系统管理 › 数据包 and `intake bundle import` do. */
async function importAtDesk(core: Core, file: string): Promise<JobDto> {
  const job = ok(core.call(LOCAL_SESSION, 'bundles.importFromCounty', { fileName: path.basename(file), dataBase64: fs.readFileSync(file).toString('base64') }));
  return waitJob(core, job);
}

forEachCountyEngine(() => {
  describe('the loop: 交办件 down, progress up, receipt down', () => {
    it('county assigns 3 → desk imports → desk resolves one and exports → county batch view 3/1 → receipt shows 已接收', async () => {
      const clock = movableClock('2026-11-24T09:00:00+08:00');
      const county = await newCounty({ clock });
      const desk = await newTownship(county, { clock });
      // A person the desk knows already: the 交办件 naming the same ID number links to them.
      const known = registerOne(desk, '王五', null);
      const knownId = (desk.ctx.db.prepare('SELECT p.id_number AS id FROM persons p JOIN matter_persons mp ON mp.person_id = p.id WHERE mp.matter_id = ?').get(known) as { id: string }).id;
      const personsBefore = (desk.ctx.db.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;

      // 1. The county hands down a batch of 3.
      const assigned = await assignBatch(county, {
        township: 'ZMQ',
        source: '省联席办',
        batch: '2026 第3批',
        items: [
          { person: { name: '王五', idNumber: knownId }, purpose: '申诉求决', category: '国土资源水利林业', request: '征地补偿款未兑现', deadline: '2027-01-31', leader: '李镇长' },
          { person: { name: '赵六', idNumber: makeId('1970-05-01', 31), phone: '13900001111', address: '张母桥镇' }, purpose: '申诉求决', category: '劳动社保', request: '养老保险待遇', deadline: '2027-01-31' },
          { person: { name: '钱七' }, purpose: '建议意见', category: '城乡建设', request: '道路维修', deadline: '2027-02-28', leader: '孙书记' },
        ],
      });
      expect(assigned).toMatchObject({ township: 'ZMQ', sequence: 1, items: 3 });
      const assignFile = path.join(county.dir, 'outbox', assigned.fileName);

      // 2. The desk imports them as 交办件, in one transaction.
      const job = await importAtDesk(desk, assignFile);
      expect(job.state, JSON.stringify(job.error)).toBe('done');
      expect(job.result).toMatchObject({ kind: 'assignment', sequence: 1, already: false, batch: { source: '省联席办', name: '2026 第3批', items: 3, matters: 3, linkedPersons: 1 } });
      const rows = desk.ctx.db.prepare("SELECT matter_id AS id, batch, leader, assign_kind AS kind FROM matter_status WHERE batch IS NOT NULL ORDER BY matter_id").all() as { id: number; batch: string; leader: string; kind: string }[];
      expect(rows.map((r) => [r.batch, r.kind, r.leader])).toEqual([
        ['2026 第3批', '交办件', '李镇长'],
        ['2026 第3批', '交办件', ''],
        ['2026 第3批', '交办件', '孙书记'],
      ]);
      // Linked to the known person by ID number: two new persons, not three.
      expect((desk.ctx.db.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n).toBe(personsBefore + 2);
      const firstMatterPersons = desk.ctx.db.prepare('SELECT person_id FROM matter_persons WHERE matter_id = ?').all(rows[0]!.id) as { person_id: number }[];
      const knownPerson = desk.ctx.db.prepare('SELECT person_id FROM matter_persons WHERE matter_id = ?').get(known) as { person_id: number };
      expect(firstMatterPersons).toEqual([knownPerson]);
      // The deadline is the assignment's target date.
      const detail = ok(desk.call(LOCAL_SESSION, 'matters.get', { matterId: rows[0]!.id }));
      expect(JSON.stringify(detail)).toContain('2027-01-31');

      // The import itself is in the audit trail (beside the call that started it).
      const trail = desk.ctx.db.prepare("SELECT target, outcome FROM audit_log WHERE action = 'bundles.importFromCounty' ORDER BY id").all();
      expect(trail).toEqual(expect.arrayContaining([{ target: 'assignment:1', outcome: 'ok' }]));

      // Re-importing the same bundle changes nothing.
      const matters = (desk.ctx.db.prepare('SELECT count(*) AS n FROM matters').get() as { n: number }).n;
      const again = await importAtDesk(desk, assignFile);
      expect(again.result).toMatchObject({ kind: 'assignment', already: true });
      expect((desk.ctx.db.prepare('SELECT count(*) AS n FROM matters').get() as { n: number }).n).toBe(matters);

      // 3. The desk resolves one (答复, then 息诉罢访) and exports.
      clock.set('2026-11-25T10:00:00+08:00');
      for (const [type, data] of [
        ['accept', {}],
        ['reply', { facts: '已核实', basis: '《信访工作条例》', decision: '补偿款已兑现' }],
        ['settle', {}],
      ] as const) {
        ok(desk.call(LOCAL_SESSION, 'matters.step', { matterId: rows[0]!.id, type, data, reason: '' } as never));
      }
      const exported = await exportBundle(desk.ctx);

      // 4. The county imports it (with a receipt); its batch view shows 3 handed down, 1 resolved.
      const imported = await importWithReceipt(county, exported.file);
      expect(imported).toMatchObject({ ok: true, report: { status: 'imported', township: 'ZMQ', sequence: exported.sequence } });
      expect(imported.receipt).not.toBeNull();
      const view = await batchView(county);
      expect(view.batches).toHaveLength(1);
      expect(view.batches[0]).toMatchObject({ source: '省联席办', batch: '2026 第3批', handedDown: 3, resolved: 1 });
      expect(view.batches[0]!.townships).toEqual([expect.objectContaining({ township: 'ZMQ', handedDown: 3, tracked: 3, resolved: 1 })]);
      const viaContract = (await import('../../core/api/handlers/county.js')).countyHandlers['county.batches'];
      expect((await viaContract(county, {}, LOCAL_SESSION)).batches[0]).toMatchObject({ handedDown: 3, resolved: 1 });

      // 5. The desk imports the county's receipt: the bundle shows 已接收.
      expect(bundleStatus(desk.ctx).exports.find((e) => e.sequence === exported.sequence)).toMatchObject({ fate: 'pending', label: '未收到回执' });
      const receiptJob = await importAtDesk(desk, imported.receipt!.file);
      expect(receiptJob.state, JSON.stringify(receiptJob.error)).toBe('done');
      expect(receiptJob.result).toMatchObject({ kind: 'receipt', sequence: 1, receipt: { bundleSequence: exported.sequence, status: 'imported' } });
      const status = ok(desk.call(LOCAL_SESSION, 'bundles.status', {}));
      expect(status.exports.find((e) => e.sequence === exported.sequence)).toMatchObject({ fate: 'received', label: '已接收', overdue: false });
      await county.close();
    });

    it('a refused bundle comes back as 已隔离（原因）, and a bundle with no receipt after the setting is flagged', async () => {
      const clock = movableClock('2026-11-24T09:00:00+08:00');
      const county = await newCounty({ clock });
      const desk = await newTownship(county, { clock });
      registerOne(desk, '张三', null);
      const first = await exportBundle(desk.ctx);
      registerOne(desk, '李四', null);
      const second = await exportBundle(desk.ctx);
      // The second arrives first: a gap, refused, and the receipt says so.
      const refused = await importWithReceipt(county, second.file);
      expect(refused).toMatchObject({ ok: false });
      expect(refused.receipt).not.toBeNull();
      await importFromCounty(desk.ctx, refused.receipt!.file);
      let fates = bundleStatus(desk.ctx).exports;
      expect(fates.find((e) => e.sequence === 2)).toMatchObject({ fate: 'quarantined', code: 'BUNDLE_GAP' });
      expect(fates.find((e) => e.sequence === 2)!.label).toMatch(/^已隔离（.+）$/);
      expect(fates.find((e) => e.sequence === 1)).toMatchObject({ fate: 'pending', overdue: false });
      // Eight days on, with the default of 7: the first is flagged.
      clock.set('2026-12-02T10:00:00+08:00');
      fates = bundleStatus(desk.ctx).exports;
      expect(fates.find((e) => e.sequence === 1)).toMatchObject({ fate: 'pending', overdue: true });
      expect(fates.find((e) => e.sequence === 2)!.overdue).toBe(false);
      ok(desk.call(LOCAL_SESSION, 'bundles.setReceiptDays', { days: 30 }));
      expect(bundleStatus(desk.ctx).exports.find((e) => e.sequence === 1)!.overdue).toBe(false);
      // Then the first is imported, and the second once more: both 已接收.
      const a = await importWithReceipt(county, first.file);
      const b = await importWithReceipt(county, second.file);
      await importFromCounty(desk.ctx, a.receipt!.file);
      await importFromCounty(desk.ctx, b.receipt!.file);
      fates = bundleStatus(desk.ctx).exports;
      expect(fates.map((e) => [e.sequence, e.label])).toEqual([
        [2, '已接收'],
        [1, '已接收'],
      ]);
      await county.close();
    });
  });
});
