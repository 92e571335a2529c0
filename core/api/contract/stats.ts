import { z } from 'zod';
import type { AssessmentFigures } from '../../domain/assessment.js';
import type { JobDto } from '../../domain/views/jobs.js';
import type { FigureMattersDto, StatsReportDto, StatsSettingsDto, WarningsDto, XlsxFileDto } from '../../domain/views/stats.js';
import { ADMIN, ANYONE, date, short } from './spec.js';
import { method, type Namespace } from './spec.js';

const period = { from: date, to: date };
const SKIP_LEVEL = z.enum(['county', 'city', 'province', 'beijing'], { error: '越级层级不正确' });

/** Which matters a list opens with: a figure's numerator or denominator, or a breakdown's row. */
const figureQuery = z
  .object({
    ...period,
    figure: z.string().max(40).optional(),
    side: z.enum(['num', 'den']).optional(),
    metric: z.string().max(40).optional(),
    key: z.string().max(200).optional(),
  })
  .strict();

/** The `stats.*` methods (统计研判; definitions in core/domain/figures.ts). */
export const statsMethods = {
  'stats.assessment': method<AssessmentFigures>()({
    input: z.object(period).strict(),
    roles: ANYONE, label: '考核指标统计', kind: 'read',
  }),
  /** A period's figures beside the period before and a year before, the standing, breakdowns and trend. */
  'stats.report': method<StatsReportDto>()({ input: z.object(period).strict(), roles: ANYONE, label: '统计研判报表', kind: 'read' }),
  /** The matters behind a figure (masked), as counted. */
  'stats.matters': method<FigureMattersDto>()({ input: figureQuery, roles: ANYONE, label: '指标事项清单', kind: 'read' }),
  /** Early warnings as of today; the frame's badge polls it. */
  'stats.warnings': method<WarningsDto>()({ input: z.object({}).strict(), roles: ANYONE, label: '预警', kind: 'read', passive: true }),
  'stats.settings': method<StatsSettingsDto>()({ input: z.object({}).strict(), roles: ANYONE, label: '统计设置', kind: 'read' }),
  'stats.configure': method<StatsSettingsDto & { refoldJob: JobDto | null }>()({
    input: z
      .object({
        backlogDays: z.number({ error: '请填写积案天数' }).int().min(30, { error: '积案天数至少 30 天' }).max(3650, { error: '积案天数最多 3650 天' }).optional(),
        evaluationDays: z.number({ error: '请填写评价期限天数' }).int({ error: '评价期限应为整数天' }).min(1, { error: '评价期限至少 1 天' }).max(365, { error: '评价期限最多 365 天' }).optional(),
        sanwu: z
          .array(z.object({ label: short('条件名称', 40), level: SKIP_LEVEL, groupOnly: z.boolean(), abnormalOnly: z.boolean().default(false) }).strict())
          .min(1, { error: '至少保留一个“三无”条件' })
          .max(10)
          .optional(),
        warnings: z
          .object({
            repeatDays: z.number().int().min(1).max(90),
            clusterDays: z.number().int().min(1).max(90),
            clusterCount: z.number().int().min(2).max(1000),
            surgePercent: z.number().int().min(1).max(1000),
            idleDays: z.number().int().min(1).max(90),
          })
          .partial()
          .strict()
          .optional(),
      })
      .strict(),
    roles: ADMIN, label: '修改统计设置', kind: 'write',
  }),
  /** Builds the workbook (every table, one table, or a figure's list) as a job; stats.exportFile fetches it. */
  'stats.exportXlsx': method<JobDto>()({
    input: z
      .object({
        ...period,
        only: z.enum(['figures', 'sanwu', 'villages', 'breakdowns', 'batches', 'trend', 'overdue']).optional(),
        list: figureQuery.omit({ from: true, to: true }).optional(),
      })
      .strict(),
    roles: ANYONE, label: '导出统计表（电子表格）', kind: 'job',
  }),
  'stats.exportFile': method<XlsxFileDto>()({
    input: z.object({ jobId: z.uuid({ error: '没有这个导出任务' }) }).strict(),
    roles: ANYONE, label: '下载统计表', kind: 'read', onWriter: true, passive: true,
  }),
} satisfies Namespace<'stats'>;
