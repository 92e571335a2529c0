import { z } from 'zod';
import { NOTICE_KINDS, SERVICE_METHODS, SERVICE_RESULTS } from '../../domain/notices.js';
import type { NoticeDto, NoticeEntry, NoticeSettings, ServiceSheetDto } from '../../domain/views/notices.js';
import { ADMIN, ANYONE, date, id, short, text } from './spec.js';
import { method, type Namespace } from './spec.js';

export type { NoticeDto, NoticeEntry, NoticeSettings, ServiceSheetDto };

const kind = z.enum(NOTICE_KINDS, { error: '文书种类不正确' });
const kinds = <T extends z.ZodType>(v: T) => z.partialRecord(kind, v);
const template = z
  .object({
    title: short('文书标题', 40),
    body: z.array(text(2000, null, '每段不能超过 2000 字')).min(1, { error: '模板至少要有一段' }).max(20, { error: '模板不能超过 20 段' }),
  })
  .strict();

/** The `notices.*` methods. */
export const noticesMethods = {
  'notices.render': method<NoticeDto>()({
    input: z.object({ matterId: id, kind }).strict(),
    roles: ANYONE, label: '生成告知书', kind: 'read',
  }),
  /** Gives the notice its 文号 (the next of its type and year), or returns the one it has: printing again takes no new number. */
  'notices.issue': method<NoticeDto>()({
    input: z.object({ matterId: id, kind }).strict(),
    roles: ANYONE, label: '出具文书（编文号）', kind: 'write',
  }),
  'notices.void': method<NoticeEntry[]>()({
    input: z.object({ noticeId: id, reason: short('作废原因', 500) }).strict(),
    roles: ANYONE, label: '作废文书', kind: 'write',
  }),
  'notices.ofMatter': method<NoticeEntry[]>()({ input: z.object({ matterId: id }).strict(), roles: ANYONE, label: '事项的文书', kind: 'read' }),
  /** 送达回证: recorded as a `serve` event on the notice's matter. */
  'notices.serve': method<NoticeEntry[]>()({
    input: z
      .object({
        noticeId: id,
        on: date.optional(),
        method: z.enum(SERVICE_METHODS, { error: '请选择送达方式' }),
        result: z.enum(SERVICE_RESULTS, { error: '请选择签收或拒收' }),
        recipient: short('受送达人', 50),
        server: short('送达人', 20),
        witness: text(20, null, '见证人不能超过 20 字').default(''),
      })
      .strict(),
    roles: ANYONE, label: '登记文书送达', kind: 'write',
  }),
  'notices.serviceSheet': method<ServiceSheetDto>()({ input: z.object({ noticeId: id }).strict(), roles: ANYONE, label: '打印送达回证', kind: 'read' }),
  'notices.settings': method<NoticeSettings>()({ input: z.object({}).strict(), roles: ANYONE, label: '查看文书设置', kind: 'read' }),
  'notices.configure': method<NoticeSettings>()({
    input: z
      .object({
        reviewBody: short('复查机关', 50).optional(),
        prefixes: kinds(z.string().trim().max(8, { error: '文号前缀不能超过 8 字' })).optional(),
        basis: kinds(text(200, null, '法律依据不能超过 200 字')).optional(),
        templates: kinds(template.nullable()).optional(),
      })
      .strict(),
    roles: ADMIN, label: '修改文书设置', kind: 'write',
  }),
} satisfies Namespace<'notices'>;
