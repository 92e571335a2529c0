import { z } from 'zod';
import type { DutyDayDto } from '../../domain/views/duty.js';
import { ADMIN, ANYONE, date, id, text } from './spec.js';
import { method, type Namespace } from './spec.js';

/** The `roster.*` methods. */
export const rosterMethods = {
  'roster.month': method<DutyDayDto[]>()({
    input: z.object({ month: z.string({ error: '请选择月份' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' }) }).strict(),
    roles: ANYONE,
    label: '查看月排班', kind: 'read',
  }),
  'roster.today': method<DutyDayDto>()({ input: z.object({}).strict(), roles: ANYONE, label: '今日带班领导', kind: 'read', passive: true }),
  'roster.set': method<DutyDayDto>()({
    input: z.object({ date, leaderId: id.nullable(), note: text(100, null, '说明不能超过 100 字').default('') }).strict(),
    roles: ADMIN,
    label: '调整排班', kind: 'write',
  }),
  'roster.clear': method<DutyDayDto>()({ input: z.object({ date }).strict(), roles: ADMIN, label: '取消排班调整', kind: 'write' }),
  'roster.swap': method<DutyDayDto[]>()({
    input: z.object({ a: date, b: date, note: text(100, null, '说明不能超过 100 字').default('') }).strict(),
    roles: ADMIN,
    label: '换班', kind: 'write',
  }),
} satisfies Namespace<'roster'>;
