import { z } from 'zod';
import { CATEGORIES, CHANNELS, PURPOSES, QUICK_TAGS, SKIP_LEVELS } from '../../domain/categories.js';
import { DESK, id, text } from './spec.js';
import { newPerson } from './persons.js';
import { stagingId } from './attachments.js';
import { method, type Namespace } from './spec.js';

export interface RegisterResult {
  matterId: number;
  caseNo: string;
  visitId: number;
  personIds: number[];
  repeat: boolean;
  isGroup: boolean;
  decisionDue: string;
  /**
   * The township's deadline still running on the matter after this visit (tell whether it is accepted,
   * or reply), from the fold; null on a matter already decided and answered — a repeat visit on a closed
   * matter carries no stale date.
   */
  pending: { kind: 'decide' | 'reply'; due: string } | null;
}

const participant = z
  .object({
    person: z.union([z.object({ personId: id }).strict(), newPerson]),
    representative: z.boolean().default(false),
  })
  .strict();

const newMatter = z
  .object({
    purpose: z.enum(PURPOSES, { error: '请选择信访目的' }),
    category: z.enum(CATEGORIES, { error: '请选择内容分类' }),
    tags: z.array(z.enum(Object.keys(QUICK_TAGS) as [string, ...string[]])).max(6).default([]),
    request: text(2000, '请填写诉求', '诉求不能超过 2000 字'),
    facts: text(10000, null, '事实和理由不能超过 10000 字').default(''),
    placeVillageId: id.optional(),
    levelSkips: z
      .array(
        z.object({
          level: z.enum(Object.keys(SKIP_LEVELS) as [string, ...string[]], { error: '越级层级不正确' }),
          visitedOn: z.iso.date({ error: '日期格式应为 YYYY-MM-DD' }).optional(),
          /** 非正常上访 at that level (in Beijing: the 三无 condition 无进京非正常上访). */
          abnormal: z.boolean({ error: '“非正常上访”应为是或否' }).default(false),
        }),
      )
      .max(4)
      .default([]),
  })
  .strict();

const registerInput = z
  .object({
    participants: z.array(participant).min(1, { error: '请至少登记一名来访人' }).max(50, { error: '一次最多登记 50 人' }),
    visit: z
      .object({
        visitedAt: z.iso.datetime({ offset: true, error: '来访时间格式不正确' }).optional(),
        channel: z.enum(CHANNELS, { error: '请选择信访形式' }).default('走访'),
        headcount: z.number({ error: '请填写来访人数' }).int().min(1, { error: '来访人数至少为 1' }).max(10000),
        involved: z.number({ error: '请填写涉及人数' }).int().min(1, { error: '涉及人数至少为 1' }).max(1000000),
      })
      .strict(),
    /** Either a new matter, or this visit is a repeat visit on an existing one. */
    matter: z.union([z.object({ existingId: id }).strict(), newMatter]),
    /**
     * The desk's files arrive staged (`stagingId`, from the upload endpoint or Electron's file dialog);
     * a small file may come inline as base64 (the command line, tests). The limits are settings,
     * checked by the handler (core/services/attachments.ts).
     */
    attachments: z
      .array(
        z.union([
          z.object({ stagingId }).strict(),
          z
            .object({
              fileName: text(1000, '附件缺少文件名', '文件名过长'),
              mime: z.string().max(200).default('application/octet-stream'),
              dataBase64: z.string().max(12 * 1024 * 1024, { error: '直接随登记提交的附件不能超过 8 MB，请通过上传添加' }),
            })
            .strict(),
        ]),
      )
      .max(100, { error: '附件数量过多' })
      .default([]),
  })
  .strict();

/** The `visits.*` methods. */
export const visitsMethods = {
  'visits.register': method<RegisterResult>()({ input: registerInput, roles: DESK, label: '接待登记', kind: 'write' }),
} satisfies Namespace<'visits'>;
