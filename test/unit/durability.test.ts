/**
 * Durability order, which mutation testing cannot see (issue 20): after a power cut the database may
 * name only files whose bytes are on disk. So a file's bytes are written to a temporary name in the
 * same folder, fsynced, closed and only then renamed into place; and the row that names the file is
 * written after that rename. Checked with spies on node:fs (a journal of the calls, in order), a
 * SQLite trigger that writes the row into the same journal, and faults injected into fsync and rename.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Core } from '../../core/app.js';
import { LOCAL_SESSION } from '../../core/kernel/session.js';
import { attachmentPath, writeAttachmentFile } from '../../core/store/attachments.js';
import { exportBundle } from '../../core/bundle/export.js';
import { importBundle } from '../../core/bundle/import.js';
import { attachmentStorePath } from '../../core/bundle/check.js';
import { tempDir, testCore } from '../helpers/core.js';
import { newCounty, newTownship, registerOne } from '../helpers/bundle.js';
import { makeId } from '../helpers/ids.js';

const open: { close(): void }[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const o of open.splice(0)) o.close();
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Records, in order, what node:fs is asked to do: which path each descriptor was opened for, the
 * bytes written to it, its fsync and close, and every rename. `row(...)` adds a database write.
 */
function journal() {
  const log: string[] = [];
  const fds = new Map<number, string>();
  const written = new Map<string, number>();
  const name = (fd: number) => fds.get(fd) ?? `fd${fd}`;
  const openSync = fs.openSync;
  vi.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
    const fd = (openSync as (...a: unknown[]) => number)(p, ...rest);
    fds.set(fd, String(p));
    log.push(`open ${String(p)}`);
    return fd;
  }) as typeof fs.openSync);
  const writeSync = fs.writeSync;
  vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, ...rest: unknown[]) => {
    const n = (writeSync as (...a: unknown[]) => number)(fd, ...rest);
    written.set(name(fd), (written.get(name(fd)) ?? 0) + n);
    log.push(`write ${name(fd)}`);
    return n;
  }) as typeof fs.writeSync);
  const fsyncSync = fs.fsyncSync;
  vi.spyOn(fs, 'fsyncSync').mockImplementation((fd: number) => {
    fsyncSync(fd);
    log.push(`fsync ${name(fd)} ${written.get(name(fd)) ?? 0}`);
  });
  const closeSync = fs.closeSync;
  vi.spyOn(fs, 'closeSync').mockImplementation((fd: number) => {
    log.push(`close ${name(fd)}`);
    closeSync(fd);
  });
  const renameSync = fs.renameSync;
  vi.spyOn(fs, 'renameSync').mockImplementation((from: fs.PathLike, to: fs.PathLike) => {
    renameSync(from, to);
    log.push(`rename ${String(from)} -> ${String(to)}`);
  });
  return {
    log,
    row: (what: string) => log.push(`row ${what}`),
    /** The journal lines about one file (its temporary name starts with it) and the rows. */
    about: (file: string) => log.filter((l) => l.includes(file) || l.startsWith('row ')).map((l) => l.replaceAll(file, 'FILE')),
  };
}

/** Every insert into `table` goes into the journal too, at the moment SQLite runs it. */
function journalRows(db: Database, table: string, column: string, j: ReturnType<typeof journal>): void {
  db.function('journal_row', (v: unknown) => {
    j.row(`${table} ${String(v)}`);
    return null;
  });
  db.exec(`CREATE TEMP TRIGGER journal_${table} AFTER INSERT ON main.${table} BEGIN SELECT journal_row(NEW.${column}); END`);
}

const TMP = new RegExp(`^FILE\\.${process.pid}\\.tmp$`);

/** The order every durable file write must follow, checked on the journal lines of one file. */
function expectDurableOrder(lines: string[], bytes: number): void {
  const tmp = lines.find((l) => l.startsWith('open '))!.slice('open '.length);
  expect(tmp, 'written under a temporary name in the same folder').toMatch(TMP);
  const at = (line: string) => lines.indexOf(line);
  expect(at(`fsync ${tmp} ${bytes}`), 'fsynced after all its bytes were written').toBeGreaterThan(at(`open ${tmp}`));
  expect(lines.filter((l) => l === `write ${tmp}`).length).toBeGreaterThan(0);
  expect(lines.slice(at(`fsync ${tmp} ${bytes}`)).some((l) => l === `write ${tmp}`), 'nothing written after the fsync').toBe(false);
  expect(at(`close ${tmp}`)).toBeGreaterThan(at(`fsync ${tmp} ${bytes}`));
  expect(at(`rename ${tmp} -> FILE`), 'renamed into place after fsync and close').toBeGreaterThan(at(`close ${tmp}`));
}

describe('an attachment on the desk', () => {
  it('is written to a temporary file, fsynced with all its bytes, closed, then renamed into place', () => {
    const dir = tempDir();
    const bytes = Buffer.from('扫描件：身份证正反面'.repeat(500));
    const j = journal();
    writeAttachmentFile(dir, sha(bytes), bytes);
    const file = attachmentPath(dir, sha(bytes));
    expectDurableOrder(j.about(file), bytes.length);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual([sha(bytes)]); // no temporary file left
    // Stored by content: the same bytes again touch nothing.
    j.log.length = 0;
    writeAttachmentFile(dir, sha(bytes), bytes);
    expect(j.log).toEqual([]);
  });

  it('is named by its row only after its bytes are durable under their final name', () => {
    const core: Core = testCore({ township: 'ZMQ' });
    open.push(core);
    const j = journal();
    journalRows(core.ctx.db, 'attachments', 'sha256', j);
    const bytes = Buffer.from('信访材料扫描件 '.repeat(300));
    const r = core.call(LOCAL_SESSION, 'visits.register', {
      participants: [{ person: { name: '王五', idNumber: makeId('1970-01-01', 11), phones: ['13812345678'] } }],
      visit: { headcount: 1, involved: 1 },
      matter: { purpose: '咨询', category: '民政', tags: [], request: '咨询低保政策', levelSkips: [] },
      attachments: [{ fileName: '材料.pdf', mime: 'application/pdf', dataBase64: bytes.toString('base64') }],
    });
    expect(r.ok).toBe(true);
    const lines = j.about(attachmentPath(core.ctx.dataDir, sha(bytes)));
    expectDurableOrder(lines, bytes.length);
    expect(lines.indexOf(`row attachments ${sha(bytes)}`), 'the row comes after the rename').toBeGreaterThan(lines.findIndex((l) => l.startsWith('rename ')));
    // The rename is an entry of the folder: the folder is fsynced after it and before the row.
    const folder = path.dirname(attachmentPath(core.ctx.dataDir, sha(bytes)));
    const renamed = j.log.findIndex((l) => l.startsWith('rename ') && l.endsWith(sha(bytes)));
    const folderSynced = j.log.findIndex((l, i) => i > renamed && l.startsWith(`fsync ${folder} `));
    expect(folderSynced, 'the folder is fsynced after the rename').toBeGreaterThan(renamed);
    expect(j.log.indexOf(`row attachments ${sha(bytes)}`), 'and before the row').toBeGreaterThan(folderSynced);
  });

  it('a failed fsync or rename saves nothing: no row, no file under its final name', () => {
    const core: Core = testCore({ township: 'ZMQ' });
    open.push(core);
    const count = (t: string) => (core.ctx.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    const before = { matters: count('matters'), attachments: count('attachments'), visits: count('visits') };
    for (const [i, fault] of (['fsyncSync', 'renameSync'] as const).entries()) {
      const bytes = Buffer.from(`第 ${i} 份材料 `.repeat(100));
      const spy = vi.spyOn(fs, fault).mockImplementationOnce(() => {
        throw Object.assign(new Error(`EIO: injected ${fault}`), { code: 'EIO' });
      });
      const r = core.call(LOCAL_SESSION, 'visits.register', {
        participants: [{ person: { name: '赵六', idNumber: makeId('1971-02-02', 21 + 2 * i), phones: ['13812345678'] } }],
        visit: { headcount: 1, involved: 1 },
        matter: { purpose: '咨询', category: '民政', tags: [], request: '咨询', levelSkips: [] },
        attachments: [{ fileName: 'a.pdf', mime: 'application/pdf', dataBase64: bytes.toString('base64') }],
      });
      expect(r, fault).toMatchObject({ ok: false, code: 'INTERNAL' });
      expect(spy).toHaveBeenCalled();
      expect(fs.existsSync(attachmentPath(core.ctx.dataDir, sha(bytes))), fault).toBe(false);
      spy.mockRestore();
    }
    expect({ matters: count('matters'), attachments: count('attachments'), visits: count('visits') }).toEqual(before);
  });
});

describe('an attachment received by the county', () => {
  it('is fsynced and renamed into place before the import that names it is recorded', async () => {
    const county = await newCounty();
    const core = await newTownship(county);
    open.push(core, { close: () => void county.close() });
    registerOne(core, '张三', '县里收到的扫描件');
    const { file } = await exportBundle(core.ctx, {});
    const row = core.ctx.db.prepare('SELECT sha256, size FROM attachments').get() as { sha256: string; size: number };
    const j = journal();
    journalRows(county.store.sqlite!, 'county_imports', 'sequence', j);
    expect(await importBundle(county, file)).toMatchObject({ ok: true });
    const lines = j.about(attachmentStorePath(county, row.sha256));
    expectDurableOrder(lines, row.size);
    expect(lines.indexOf('row county_imports 1')).toBeGreaterThan(lines.findIndex((l) => l.startsWith('rename ')));
  });

  it('a failed rename records no import: the same bundle imports later', async () => {
    const county = await newCounty();
    const core = await newTownship(county);
    open.push(core, { close: () => void county.close() });
    registerOne(core, '李四');
    const { file } = await exportBundle(core.ctx, {});
    const spy = vi.spyOn(fs, 'renameSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('EIO: injected rename'), { code: 'EIO' });
    });
    await expect(importBundle(county, file)).rejects.toThrow(/injected rename/);
    spy.mockRestore();
    expect(await county.store.lastImport('ZMQ')).toBeNull();
    expect(await importBundle(county, file)).toMatchObject({ ok: true, report: { status: 'imported', sequence: 1 } });
  });
});

describe('an exported bundle', () => {
  it('is synced under a temporary name and renamed before its export is recorded', async () => {
    const county = await newCounty();
    const core = await newTownship(county);
    open.push(core, { close: () => void county.close() });
    registerOne(core, '张三');
    const j = journal();
    journalRows(core.ctx.db, 'bundle_exports', 'sequence', j);
    // sealBundle writes the bundle file through a FileHandle: journal its open and sync too.
    const fsOpen = fs.promises.open;
    vi.spyOn(fs.promises, 'open').mockImplementation(async (p, flags, mode) => {
      const h = await fsOpen(p, flags, mode);
      const sync = h.sync.bind(h);
      h.sync = async () => {
        await sync();
        j.log.push(`fsync ${String(p)}`);
      };
      return h;
    });
    const r = await exportBundle(core.ctx, {});
    const lines = j.log.filter((l) => l.includes(r.file) || l.startsWith('row ')).map((l) => l.replaceAll(r.file, 'FILE'));
    const part = `FILE.${process.pid}.part`;
    expect(lines.indexOf(`fsync ${part}`)).toBeGreaterThanOrEqual(0);
    expect(lines.indexOf(`rename ${part} -> FILE`)).toBeGreaterThan(lines.indexOf(`fsync ${part}`));
    expect(lines.indexOf('row bundle_exports 1')).toBeGreaterThan(lines.indexOf(`rename ${part} -> FILE`));
  });
});
