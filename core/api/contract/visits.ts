import { z } from 'zod';
import { CATEGORIES, CHANNELS, PURPOSES, QUICK_TAGS, RECEIVED_CHANNELS, SKIP_LEVELS, SOURCE_CHANNELS } from '../../domain/categories.js';
import { DESK, date, id, text } from './spec.js';
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
    // The national record's fields a person must state (issue 16, item 5); 初次信访 and 积案 are computed.
    /** 匿名: the petitioner gave no name (the desk still records who came, if anyone did). */
    anonymous: z.boolean({ error: '匿名应为是或否' }).default(false),
    /** 联名: the number of signers of a joint petition; absent when it is not 联名. */
    jointCount: z
      .number({ error: '请填写联名人数' })
      .int({ error: '联名人数应为整数' })
      .min(2, { error: '联名人数至少为 2 人' })
      .max(100000, { error: '联名人数过大' })
      .optional(),
    /** 被反映人/单位: who or what the petition is about. */
    reportedParty: text(200, null, '被反映人/单位不能超过 200 字').default(''),
    /** 重大紧急 */
    urgent: z.boolean({ error: '重大紧急应为是或否' }).default(false),
    /** 涉法涉诉 */
    litigation: z.boolean({ error: '涉法涉诉应为是或否' }).default(false),
    /** 重复信访: the earlier matter (of one of the same persons) this new one repeats. */
    repeatOf: id.optional(),
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
        /** The day a letter, a transfer from above or a 批示件 was received: the 15 days run from it (not for 走访). */
        receivedOn: date.optional(),
        /** 上级转送: the body that sent it and its 文号; 领导批示件: whose 批示 and the document's number. */
        source: z
          .object({
            body: text(100, '请填写来源机关', '来源机关不能超过 100 字'),
            number: text(60, null, '文号不能超过 60 字').default(''),
          })
          .strict()
          .optional(),
      })
      .strict()
      .superRefine((v, ctx) => {
        if (v.channel === '走访' && v.receivedOn) ctx.addIssue({ code: 'custom', path: ['receivedOn'], message: '走访当场登记，无需填写收到日期' });
        if (!(v.channel in SOURCE_CHANNELS) && v.source) ctx.addIssue({ code: 'custom', path: ['source'], message: '只有上级转送件和领导批示件填写来源机关' });
      }),
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
  .strict()
  .superRefine((v, ctx) => {
    // A new matter that came by letter, from above or as a 批示件 counts its 15 days from the day received.
    // Its source (who sent it down, whose 批示) is on the new matter too; a repeat visit on an existing matter needs neither.
    if (!('request' in v.matter)) return;
    const channel = v.visit.channel as (typeof RECEIVED_CHANNELS)[number];
    if (RECEIVED_CHANNELS.includes(channel) && !v.visit.receivedOn) {
      ctx.addIssue({ code: 'custom', path: ['visit', 'receivedOn'], message: `${channel}请填写收到日期` });
    }
    const src = SOURCE_CHANNELS[v.visit.channel as keyof typeof SOURCE_CHANNELS];
    if (src && !v.visit.source) ctx.addIssue({ code: 'custom', path: ['visit', 'source', 'body'], message: `请填写${src.body}` });
    if (v.visit.channel === '上级转送' && v.visit.source && !v.visit.source.number) {
      ctx.addIssue({ code: 'custom', path: ['visit', 'source', 'number'], message: '请填写转送文号' });
    }
  });

/** The `visits.*` methods. */
export const visitsMethods = {
  'visits.register': method<RegisterResult>()({ input: registerInput, roles: DESK, label: '接待登记', kind: 'write' }),
} satisfies Namespace<'visits'>;
