/**
 * The county workstation's operations, on the county store (either engine). Figures and matter
 * lists are the township desk's own code run over a replica of the township's records in the desk
 * schema (core/store/county-replica.ts): one implementation, two scopes. County totals add the
 * townships' numerators and denominators, so a county rate is Σ num / Σ den of the same figure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import townshipsJson from '../../resources/townships.json' with { type: 'json' };
import { COUNTY_FILES, type CountyDesk } from '../bundle/county.js';

export type { CountyDesk } from '../bundle/county.js';
import { checkBundle } from '../bundle/check.js';
import { importWithReceipt } from '../bundle/receipt.js';
import { BUNDLE_TABLES } from '../bundle/tables.js';

import { formatFingerprint } from '../domain/fingerprint.js';
import { maskIdNumber } from '../domain/masking.js';
import { addDays } from '../domain/local-time.js';
import { daysBetween, periodOf } from '../domain/periods.js';
import { FIGURES } from '../domain/figures.js';
import { STATE_LABELS } from '../domain/case-state.js';
import type { FigureValue, XlsxFileDto } from '../domain/views/stats.js';
import { COUNTY } from '../store/reference-data.js';
import {
  STANDING_FIGURES, type BundleCheckDto, type CountyImportsDto, type CountyMatterRowDto, type CountyPersonDto, type CountyPersonRowDto, type ImportResultDto,
  type QuarantineRowDto, type StandingDto, type StandingRowDto, type SupervisionDto, type WatchList,
} from '../domain/views/county.js';
import type { CoreContext } from '../kernel/context.js';
import type { PersonIndexRow } from '../store/county-tables.js';
import { ERROR_MESSAGES, IntakeError, type ErrorCode } from '../kernel/errors.js';
import { insertRecords, openReplica } from '../store/county-replica.js';
import { listMatterRows } from '../store/matter-status.js';
import { sanwuConditions } from '../store/settings.js';
import { rebuildAll } from './matter-status.js';
import { statsReport } from './stats.js';

export const TOWNSHIPS: readonly { code: string; name: string }[] = townshipsJson.townships;
const NAMES = new Map(TOWNSHIPS.map((t) => [t.code, t.name]));
export const townshipName = (code: string): string => NAMES.get(code) ?? code;

/** Beijing's calendar day of an instant. */
export const beijingDay = (d: Date): string => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

// ---- Replicas: a township's records in the desk schema, kept while its last import stands --------

const replicas = new Map<string, { stamp: string; db: Database }>();

export async function townshipReplica(desk: CountyDesk, township: string): Promise<Database | null> {
  const last = await desk.store.lastImport(township);
  if (!last) return null;
  const key = `${desk.store.location}\u0000${township}`;
  const stamp = `${last.sequence}:${last.sha256}`;
  const kept = replicas.get(key);
  if (kept?.stamp === stamp) return kept.db;
  kept?.db.close();
  const db = openReplica(desk.clock.now());
  for (const t of BUNDLE_TABLES) {
    const rows = await desk.store.townshipRecords(township, t.name);
    insertRecords(db, t.name, rows.map((r) => JSON.parse(r.data) as Record<string, unknown>));
  }
  // The kept projections (status, figures' summary) are the desk's, derived again by the desk's code.
  rebuildAll({ db, clock: desk.clock } as unknown as CoreContext);
  replicas.set(key, { stamp, db });
  return db;
}

export function dropReplicas(): void {
  for (const r of replicas.values()) r.db.close();
  replicas.clear();
}

// ---- The standing table ---------------------------------------------------------------------------

const sumFigure = (values: FigureValue[]): FigureValue => {
  const num = values.reduce((n, v) => n + v.num, 0);
  const hasDen = values.some((v) => v.den !== null);
  const den = hasDen ? values.reduce((n, v) => n + (v.den ?? 0), 0) : null;
  return { num, den, value: den === null ? num : den === 0 ? null : num / den };
};

/** The ranking's rate columns, named by the figures' own definitions. */
const STANDING_COLUMNS: StandingDto['columns'] = STANDING_FIGURES.filter((id) => id !== 'registered').map((id) => {
  const d = FIGURES.find((f) => f.id === id)!;
  return { id, label: d.label, short: d.short ?? d.label };
});

/** The 通报's ranking: by 按期办结率, best first (no rate yet below any rate); townships without a bundle last. */
function ranked(rows: readonly StandingRowDto[]): StandingRowDto[] {
  const key = (r: StandingRowDto) => (r.imported ? (r.figures.timelyClose?.value ?? -1) : -2);
  let n = 0;
  return [...rows].sort((a, b) => key(b) - key(a) || a.township.localeCompare(b.township)).map((r) => ({ ...r, rank: r.imported ? ++n : null }));
}

export async function standing(desk: CountyDesk, from: string, to: string): Promise<StandingDto> {
  if (from > to) throw new IntakeError('INVALID_INPUT', { detail: 'from after to' });
  const today = beijingDay(desk.clock.now());
  const summary = new Map((await desk.store.countySummary()).map((s) => [s.township, s]));
  const rows: StandingRowDto[] = [];
  for (const t of TOWNSHIPS) {
    const s = summary.get(t.code);
    const db = s ? await townshipReplica(desk, t.code) : null;
    if (!db) {
      rows.push({ township: t.code, name: t.name, imported: false, sanwu: null, zeroVillages: null, figures: {}, handedDown: 0, handedResolved: 0, lastImportedAt: null, lastSequence: null, rank: null });
      continue;
    }
    // The township's own 统计研判 report, by the township's own code.
    const r = statsReport(db, { township: t.code }, from, to, { today, sanwu: sanwuConditions(db), scopeName: t.name });
    const figures: StandingRowDto['figures'] = {};
    for (const id of STANDING_FIGURES) {
      const f = r.figures.find((x) => x.id === id);
      if (f) figures[id] = f.current;
    }
    rows.push({
      township: t.code,
      name: t.name,
      imported: true,
      sanwu: r.sanwu.met,
      zeroVillages: { zero: r.villages.zero, total: r.villages.total, share: r.villages.share },
      figures,
      handedDown: r.batches.reduce((n, b) => n + b.handedDown, 0),
      handedResolved: r.batches.reduce((n, b) => n + b.resolved, 0),
      lastImportedAt: s!.lastImportedAt,
      lastSequence: s!.lastSequence,
      rank: null,
    });
  }
  const imported = rows.filter((r) => r.imported);
  const zero = imported.reduce((n, r) => n + r.zeroVillages!.zero, 0);
  const total = imported.reduce((n, r) => n + r.zeroVillages!.total, 0);
  const sanwuMet = imported.filter((r) => r.sanwu).length;
  const totals: StandingDto['totals'] = {
    townships: rows.length,
    imported: imported.length,
    sanwuMet,
    sanwuShare: imported.length ? sanwuMet / imported.length : null,
    zeroVillages: { zero, total, share: total ? zero / total : null },
    figures: Object.fromEntries(STANDING_FIGURES.filter((id) => imported.some((r) => r.figures[id])).map((id) => [id, sumFigure(imported.map((r) => r.figures[id]!).filter(Boolean))])),
    handedDown: imported.reduce((n, r) => n + r.handedDown, 0),
    handedResolved: imported.reduce((n, r) => n + r.handedResolved, 0),
  };
  return { period: periodOf(from, to), columns: STANDING_COLUMNS, rows: ranked(rows), totals };
}

/** The 通报's workbook for a period, built from the same standing and supervision as the pages. */
export async function exportXlsx(desk: CountyDesk, from: string, to: string): Promise<XlsxFileDto> {
  const s = await standing(desk, from, to);
  const v = await supervision(desk);
  // exceljs loads with the first export, not with the core (seconds of module loading).
  const { countyWorkbook } = await import('./county-xlsx.js');
  const wb = countyWorkbook(COUNTY.name, s, v);
  const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  return { state: 'done', fileName: `${COUNTY.name}信访工作通报_${from}_${to}.xlsx`, base64, error: null };
}

// ---- Supervision (督查督办): what is overdue or due within three days, township by township --------

const DUE_SOON_DAYS = 3;

export async function supervision(desk: CountyDesk): Promise<SupervisionDto> {
  const today = beijingDay(desk.clock.now());
  const soon = addDays(today, DUE_SOON_DAYS);
  const out: SupervisionDto = { today, overdue: [], dueSoon: [], byTownship: [] };
  for (const t of TOWNSHIPS) {
    const db = await townshipReplica(desk, t.code);
    if (!db) continue;
    // The desk's own lists (the same query as its 信访事项 page), so the county never counts a deadline differently.
    const rows = (view: 'overdue' | 'due3') =>
      listMatterRows(db, { view, today, soon, limit: 500 })
        .filter((r) => r.nextDue !== null)
        .map((r) => ({
          township: t.code,
          townshipName: t.name,
          caseNo: r.caseNo,
          category: r.category,
          registeredOn: r.registeredAt.slice(0, 10),
          state: STATE_LABELS[r.state] ?? r.state,
          dueKind: r.nextDueKind === 'decide' ? '告知受理' : '答复办结',
          nextDue: r.nextDue!,
          daysOver: daysBetween(r.nextDue!, today),
          unit: r.unit,
        }));
    const overdue = rows('overdue');
    const dueSoon = rows('due3');
    out.overdue.push(...overdue);
    out.dueSoon.push(...dueSoon);
    out.byTownship.push({ township: t.code, name: t.name, overdue: overdue.length, dueSoon: dueSoon.length });
  }
  out.overdue.sort((a, b) => b.daysOver - a.daysOver || a.caseNo.localeCompare(b.caseNo));
  out.dueSoon.sort((a, b) => a.nextDue.localeCompare(b.nextDue) || a.caseNo.localeCompare(b.caseNo));
  out.byTownship.sort((a, b) => b.overdue - a.overdue || b.dueSoon - a.dueSoon);
  return out;
}

// ---- A township's matters (masked), and a person across the county -----------------------------

function matterRows(db: Database, township: string, today: string, opts: { fromIso?: string; toIso?: string; limit: number }): CountyMatterRowDto[] {
  return listMatterRows(db, { view: 'all', today, soon: addDays(today, 3), limit: opts.limit, fromIso: opts.fromIso, toIso: opts.toIso }).map((m) => ({
    township,
    matterId: m.id,
    caseNo: m.caseNo,
    registeredAt: m.registeredAt,
    channel: m.sourceBody ? `${m.channel}（${m.sourceBody}）` : m.channel,
    purpose: '',
    category: m.category,
    state: STATE_LABELS[m.state] ?? m.state,
    persons: m.persons,
  }));
}

export async function townshipMatters(desk: CountyDesk, township: string, from?: string, to?: string): Promise<CountyMatterRowDto[]> {
  if (!NAMES.has(township)) throw new IntakeError('TOWNSHIP_UNKNOWN');
  const db = await townshipReplica(desk, township);
  if (!db) return [];
  const iso = (d: string) => new Date(`${d}T00:00:00+08:00`).toISOString();
  return matterRows(db, township, beijingDay(desk.clock.now()), { fromIso: from ? iso(from) : undefined, toIso: to ? iso(addDays(to, 1)) : undefined, limit: 500 });
}

const ID_FULL = /^\d{17}[\dX]$/;
const ID_TAIL = /^\d{4,17}[\dX]?$/;
const INITIALS = /^[a-z]{2,6}$/i;

/** The box holds an ID number, its last digits, pinyin initials, or a name. */
export function classifyQuery(q: string): { idNumber?: string; idTail?: string; name?: string; initials?: string } {
  const s = q.trim().toUpperCase();
  if (ID_FULL.test(s)) return { idNumber: s };
  if (ID_TAIL.test(s)) return { idTail: s };
  if (INITIALS.test(q.trim())) return { initials: q.trim().toLowerCase() };
  return { name: q.trim() };
}

/** Groups one person's rows across townships (by ID number); never leaves the core, which names a person by `key` instead. */
const identity = (r: { id_number: string | null; township: string; person_id: number }) => r.id_number ?? `${r.township}:${r.person_id}`;
/** What lists hand out and `county.person` takes: a township and its person id, so no full ID number travels. */
const personKey = (r: { township: string; person_id: number }) => `${r.township}:${r.person_id}`;
const KEY = /^([A-Z]{2,4}):(\d{1,12})$/;

async function personRows(desk: CountyDesk, found: readonly Omit<PersonIndexRow, 'id_rev'>[]): Promise<CountyPersonRowDto[]> {
  const groups = new Map<string, typeof found>();
  for (const r of found) groups.set(identity(r), [...(groups.get(identity(r)) ?? []), r]);
  const out: CountyPersonRowDto[] = [];
  for (const rs of groups.values()) {
    const key = personKey([...rs].sort((a, b) => a.township.localeCompare(b.township) || a.person_id - b.person_id)[0]!);
    let matters = 0;
    let skips = 0;
    let repeats = 0;
    for (const r of rs) {
      const db = await townshipReplica(desk, r.township);
      if (!db) continue;
      matters += (db.prepare('SELECT count(*) AS n FROM matter_persons WHERE person_id = ?').get(r.person_id) as { n: number }).n;
      skips += (db.prepare('SELECT count(*) AS n FROM level_skips l JOIN matter_persons mp ON mp.matter_id = l.matter_id WHERE mp.person_id = ?').get(r.person_id) as { n: number }).n;
      repeats += (db.prepare('SELECT count(*) AS n FROM visit_persons vp JOIN visits v ON v.id = vp.visit_id WHERE vp.person_id = ? AND v.is_repeat = 1').get(r.person_id) as { n: number }).n;
    }
    out.push({ key, name: rs[0]!.name, idMasked: rs[0]!.id_number ? maskIdNumber(rs[0]!.id_number) : null, townships: [...new Set(rs.map((r) => r.township))], matters, skips, repeats });
  }
  return out;
}

export async function searchPersons(desk: CountyDesk, q: string): Promise<CountyPersonRowDto[]> {
  return personRows(desk, await desk.store.searchPersons(classifyQuery(q), 200));
}

/** Persons registered at two or more townships (by ID number). */
async function personsAtSeveral(desk: CountyDesk): Promise<CountyPersonRowDto[]> {
  const ids = await desk.store.personsAtSeveral(WATCH_LIMIT);
  const found = [];
  for (const { id_number } of ids) found.push(...(await desk.store.searchPersons({ idNumber: id_number }, 50)));
  return personRows(desk, found);
}

const WATCH_LIMIT = 200;
/** Per township, the persons a list is about, from its replica (the desk's own schema). */
const WATCH_SQL: Record<Exclude<WatchList, 'several'>, string> = {
  // 越级: on a matter with a level-skipping record.
  skipping: `SELECT DISTINCT p.id AS person_id, p.name, p.id_number FROM level_skips l
               JOIN matter_persons mp ON mp.matter_id = l.matter_id JOIN persons p ON p.id = mp.person_id LIMIT ${WATCH_LIMIT}`,
  // 重复信访: came again on a matter already registered.
  repeat: `SELECT p.id AS person_id, p.name, p.id_number FROM visit_persons vp
             JOIN visits v ON v.id = vp.visit_id JOIN persons p ON p.id = vp.person_id
            WHERE v.is_repeat = 1 GROUP BY p.id ORDER BY count(*) DESC LIMIT ${WATCH_LIMIT}`,
};

/**
 * The county's watch lists: persons registered at two or more townships, persons with 越级 records,
 * and repeat petitioners, county-wide (one person across townships is one row, by ID number). The most
 * pressing first: the most townships, level-skips or repeat visits.
 */
export async function watchList(desk: CountyDesk, list: WatchList): Promise<CountyPersonRowDto[]> {
  let rows: CountyPersonRowDto[];
  if (list === 'several') rows = await personsAtSeveral(desk);
  else {
    const found: { township: string; person_id: number; name: string; id_number: string | null; initials: string }[] = [];
    for (const { township } of await desk.store.countySummary()) {
      const db = await townshipReplica(desk, township);
      if (!db) continue;
      for (const r of db.prepare(WATCH_SQL[list]).all() as { person_id: number; name: string; id_number: string | null }[]) found.push({ ...r, township, initials: '' });
    }
    rows = await personRows(desk, found);
  }
  const weight = (r: CountyPersonRowDto) => (list === 'several' ? r.townships.length : list === 'skipping' ? r.skips : r.repeats);
  return rows.sort((a, b) => weight(b) - weight(a) || b.matters - a.matters || a.name.localeCompare(b.name, 'zh')).slice(0, WATCH_LIMIT);
}

/** One person's matters at every township, on one screen (masked). */
export async function personAcrossCounty(desk: CountyDesk, key: string): Promise<CountyPersonDto> {
  const m = KEY.exec(key);
  if (!m) throw new IntakeError('NOT_FOUND');
  const [one] = await desk.store.searchPersons({ township: m[1]!, personId: Number(m[2]) }, 1);
  if (!one) throw new IntakeError('NOT_FOUND');
  const rows = one.id_number ? await desk.store.searchPersons({ idNumber: one.id_number }, 50) : [one];
  const today = beijingDay(desk.clock.now());
  const matters: CountyPersonDto['matters'] = [];
  for (const r of rows) {
    const db = await townshipReplica(desk, r.township);
    if (!db) continue;
    const ids = new Set((db.prepare('SELECT matter_id FROM matter_persons WHERE person_id = ?').all(r.person_id) as { matter_id: number }[]).map((m) => m.matter_id));
    for (const m of matterRows(db, r.township, today, { limit: 100_000 }).filter((m) => ids.has(m.matterId))) {
      const skips = (db.prepare('SELECT level FROM level_skips WHERE matter_id = ? ORDER BY level').all(m.matterId) as { level: string }[]).map((s) => s.level);
      matters.push({ ...m, townshipName: townshipName(r.township), levelSkips: skips });
    }
  }
  matters.sort((a, b) => b.registeredAt.localeCompare(a.registeredAt));
  return { name: rows[0]!.name, idMasked: rows[0]!.id_number ? maskIdNumber(rows[0]!.id_number) : null, matters };
}

// ---- Import from the UI: stage, check, import; the quarantine; late townships --------------------

const STAGED = /^[0-9a-f]{16}$/;
const stagedPath = (desk: CountyDesk, id: string) => path.join(desk.dir, COUNTY_FILES.staging, `upload-${id}.bundle`);

/** Keeps an uploaded bundle in the private staging folder and checks it, writing nothing else. */
export async function stageAndCheck(desk: CountyDesk, fileName: string, bytes: Buffer): Promise<BundleCheckDto> {
  if (bytes.length > desk.limits.bundleBytes) throw new IntakeError('BUNDLE_TOO_LARGE', { detail: `${bytes.length} bytes` });
  const id = randomBytes(8).toString('hex');
  const file = stagedPath(desk, id);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, bytes, { mode: 0o600, flag: 'wx' });
  const base: BundleCheckDto = {
    stagedId: id, fileName, ok: false, township: null, townshipName: null, sequence: null, full: null, createdAt: null, counts: {}, attachments: 0,
    signature: null, chain: null, audit: null, already: false, refusal: null,
  };
  let c;
  try {
    c = await checkBundle(desk, file, { keepFiles: false });
  } catch (err) {
    if (!(err instanceof IntakeError)) throw err;
    return { ...base, refusal: { code: err.code, message: err.message_zh } };
  }
  try {
    const s = c.statement;
    return {
      ...base,
      ok: true,
      township: s.township,
      townshipName: townshipName(s.township),
      sequence: s.sequence,
      full: s.full,
      createdAt: s.createdAt,
      counts: c.manifest.counts,
      attachments: c.files.length,
      signature: `有效（${s.suite === 'sm2' ? 'SM2' : 'Ed25519'} 密钥 ${formatFingerprint(c.key.keyId)}，信任用于 ${townshipName(c.key.township)}）`,
      chain: c.chain.kind === 'already' ? '已导入（再次导入不会改变任何数据）' : c.last ? `接续第 ${c.last.sequence} 号数据包` : `${townshipName(s.township)}的第一个数据包`,
      audit: c.manifest.audit ? `${c.manifest.audit.entries} 条审计记录，${c.audit === 'extends' || c.audit === 'same' ? '与上一数据包连续' : c.audit === 'first' ? '首次' : '连续性未能证明'}` : '未携带审计记录',
      already: c.chain.kind === 'already',
    };
  } finally {
    c.dispose();
  }
}

/** Imports a staged bundle; a refusal is quarantined as on the command line. The staged copy goes either way. */
export async function importStaged(desk: CountyDesk, stagedId: string): Promise<ImportResultDto> {
  if (!STAGED.test(stagedId)) throw new IntakeError('INVALID_INPUT', { detail: 'staged id' });
  const file = stagedPath(desk, stagedId);
  if (!fs.existsSync(file)) throw new IntakeError('NOT_FOUND', { detail: 'staged bundle' });
  try {
    const out = await importWithReceipt(desk, file);
    // The receipt goes back to the township with the next exchange (系统管理 › 数据包 › 导入县信访局文件).
    const receipt = out.receipt ? { fileName: path.basename(out.receipt.file), dataBase64: fs.readFileSync(out.receipt.file).toString('base64') } : null;
    const receiptProblem = out.receiptError ? out.receiptError.message_zh : null;
    if (!out.ok) {
      return { ok: false, status: 'refused', township: out.seen?.township ?? null, sequence: out.seen?.sequence ?? null, message: out.error.message_zh, quarantined: out.quarantined !== null, receipt, receiptProblem };
    }
    const r = out.report;
    return { ok: true, status: r.status, township: r.township, sequence: r.sequence, message: r.status === 'already' ? '已导入过，未改变任何数据' : '已导入', quarantined: false, receipt, receiptProblem };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export function quarantineList(desk: CountyDesk): QuarantineRowDto[] {
  const dir = path.join(desk.dir, COUNTY_FILES.quarantine);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.reason.json'))
    .sort()
    .reverse()
    .slice(0, 200)
    .map((f) => {
      const q = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { code: string; reason: string; at: string; file: string };
      // The page is Chinese: the catalogue's text for the code (the file beside it keeps the English detail).
      const zh = (ERROR_MESSAGES as Record<string, { zh: string } | undefined>)[q.code as ErrorCode]?.zh;
      return { at: q.at, file: path.basename(q.file), code: q.code, reason: zh ?? q.reason };
    });
}

export const LATE_DAYS_KEY = 'late_days';
export const DEFAULT_LATE_DAYS = 35;

export async function importsOverview(desk: CountyDesk): Promise<CountyImportsDto> {
  const lateDays = Number((await desk.store.getMeta(LATE_DAYS_KEY)) ?? DEFAULT_LATE_DAYS);
  const summary = new Map((await desk.store.countySummary()).map((s) => [s.township, s]));
  const cutoff = desk.clock.now().getTime() - lateDays * 86_400_000;
  return {
    lateDays,
    townships: TOWNSHIPS.map((t) => {
      const s = summary.get(t.code);
      return {
        township: t.code,
        name: t.name,
        lastSequence: s?.lastSequence ?? null,
        lastImportedAt: s?.lastImportedAt ?? null,
        lastCreatedAt: s?.lastCreatedAt ?? null,
        bundles: s?.bundles ?? 0,
        late: !s || Date.parse(s.lastImportedAt) < cutoff,
      };
    }),
    quarantine: quarantineList(desk),
  };
}

export async function setLateDays(desk: CountyDesk, days: number): Promise<void> {
  await desk.store.setMeta(LATE_DAYS_KEY, String(days));
}
