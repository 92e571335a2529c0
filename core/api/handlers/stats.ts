import type { HandlersOf } from '../handler.js';
import type { ParsedInput } from '../contract/index.js';
import type { CoreContext } from '../../kernel/context.js';
import type { Session } from '../../kernel/session.js';
import type { StatsSettingsDto, XlsxFileDto } from '../../domain/views/stats.js';
import type { JobDto } from '../../domain/views/jobs.js';
import { assessmentFigures, type AssessmentFigures } from '../../domain/assessment.js';
import { addDays } from '../../domain/local-time.js';
import { IntakeError } from '../../kernel/errors.js';
import { repeatVisitsBetween } from '../../store/matter-status.js';
import type { FiguresScope } from '../../store/figures.js';
import { backlogDays, centerTownship, evaluationDays, readSetting, sanwuConditions, warningThresholds, writeSetting } from '../../store/settings.js';
import { today } from '../../services/calendar.js';
import { centerName } from '../../services/center.js';
import { jobStatus, startJob } from '../../services/jobs.js';
import { startRefold, statusesRegisteredBetween } from '../../services/matter-status.js';
import { figureMatters, statsReport, warnings } from '../../services/stats.js';

/** Beijing midnight of a date, as the UTC instant the store keeps. */
const startOf = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

/** The assessment figures over matters registered from `from` to `to`, both days included. */
function assessment(ctx: CoreContext, input: { from: string; to: string }): AssessmentFigures {
  const [fromIso, toIso] = [startOf(input.from), startOf(addDays(input.to, 1))];
  return assessmentFigures(statusesRegisteredBetween(ctx, fromIso, toIso), repeatVisitsBetween(ctx.db, fromIso, toIso), today(ctx), evaluationDays(ctx.db));
}

/** The desk's scope: this center's township (every township while none is set). */
const deskScope = (ctx: CoreContext): FiguresScope => ({ township: centerTownship(ctx.db) });

function report(ctx: CoreContext, input: ParsedInput<'stats.report'>) {
  return statsReport(ctx.db, deskScope(ctx), input.from, input.to, { today: today(ctx), sanwu: sanwuConditions(ctx.db), evaluationDays: evaluationDays(ctx.db), scopeName: centerName(ctx).replace(/综治维稳信访工作中心$/, '') });
}

function settings(ctx: CoreContext): StatsSettingsDto {
  return { backlogDays: backlogDays(ctx.db), evaluationDays: evaluationDays(ctx.db), sanwu: sanwuConditions(ctx.db), warnings: warningThresholds(ctx.db) };
}

/** A new 积案 threshold moves every matter's facts: re-derived as a job, as a new day mode is. */
function configure(ctx: CoreContext, input: ParsedInput<'stats.configure'>, session: Session): StatsSettingsDto & { refoldJob: JobDto | null } {
  let refoldJob: JobDto | null = null;
  if (input.sanwu) writeSetting(ctx.db, 'sanwuConditions', input.sanwu);
  // Read when a report is made (the facts keep the reply day, not the window): no re-derivation needed.
  if (input.evaluationDays !== undefined) writeSetting(ctx.db, 'evaluationDays', input.evaluationDays);
  if (input.warnings) writeSetting(ctx.db, 'warningThresholds', { ...(readSetting(ctx.db, 'warningThresholds') ?? {}), ...input.warnings });
  if (input.backlogDays !== undefined && input.backlogDays !== backlogDays(ctx.db)) {
    writeSetting(ctx.db, 'backlogDays', input.backlogDays);
    refoldJob = startRefold(ctx, session.user);
  }
  return { ...settings(ctx), refoldJob };
}

function exportXlsx(ctx: CoreContext, input: ParsedInput<'stats.exportXlsx'>, session: Session): JobDto {
  // The numbers are read now, in this call's transaction; the job only writes them out.
  const r = report(ctx, input);
  const list = input.list ? figureMatters(ctx.db, deskScope(ctx), { ...input.list, from: input.from, to: input.to }, today(ctx), 5000, evaluationDays(ctx.db)) : undefined;
  const fileName = `统计研判-${r.period.label}${list ? '-事项清单' : input.only ? `-${input.only}` : ''}.xlsx`;
  return startJob(ctx, { kind: 'stats.exportXlsx', startedBy: session.user, cancellable: false }, async () => {
    // exceljs is seconds of module loading: the core loads it with the first export, not at start.
    const { reportWorkbook, workbookBase64 } = await import('../../services/stats-xlsx.js');
    return { fileName, base64: await workbookBase64(reportWorkbook(r, input.only, list)) };
  });
}

function exportFile(ctx: CoreContext, input: ParsedInput<'stats.exportFile'>, session: Session): XlsxFileDto {
  const job = jobStatus(ctx, input.jobId);
  if (job.kind !== 'stats.exportXlsx' || job.startedBy !== session.user) throw new IntakeError('JOB_UNKNOWN', { field: 'jobId' });
  const done = job.state === 'done' && job.result;
  return {
    state: job.state,
    fileName: done ? String(job.result!.fileName) : null,
    base64: done ? String(job.result!.base64) : null,
    error: job.error?.message_zh ?? null,
  };
}

export const statsHandlers: HandlersOf<'stats'> = {
  'stats.assessment': assessment,
  'stats.report': report,
  'stats.matters': (ctx, input) => figureMatters(ctx.db, deskScope(ctx), input, today(ctx), undefined, evaluationDays(ctx.db)),
  'stats.warnings': (ctx) => warnings(ctx.db, deskScope(ctx), today(ctx), warningThresholds(ctx.db)),
  'stats.settings': settings,
  'stats.configure': configure,
  'stats.exportXlsx': exportXlsx,
  'stats.exportFile': exportFile,
};
