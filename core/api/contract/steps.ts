import { z } from 'zod';
import { ASSIGN_KINDS, CAUSE_TYPES, EVALUATIONS, REDIRECTS, type EventData } from '../../domain/case-events.js';
import { EVALUATION_MEANS, FOLLOW_UP_MEANS, RATINGS } from '../../domain/evaluation.js';
import { date, id, none, short, text } from './spec.js';

const step = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({ matterId: id, type: z.literal(type), on: date.optional(), data, reason: text(2000, null, '原因不能超过 2000 字').default('') }).strict();

/** One entry per event type: the data each step must carry, validated before any rule runs. */
export const stepInput = z.discriminatedUnion('type', [
  step('accept', none),
  step('reject', z.object({ redirect: z.enum(Object.keys(REDIRECTS) as [keyof typeof REDIRECTS], { error: '请选择应当通过的途径' }), body: short('受理机关') }).strict()),
  step('transfer', z.object({ mode: z.enum(['转送', '交办'], { error: '请选择转送或交办' }), unit: short('接收单位'), dueDate: date.optional() }).strict()),
  step('unit_sign', z.object({ receiver: short('签收人', 20) }).strict()),
  step('unit_return', none),
  step('unit_feedback', z.object({ progress: short('办理进展', 2000) }).strict()),
  step('unit_report', z.object({ result: short('办结情况', 5000) }).strict()),
  step('start', z.object({ unit: short('责任单位'), handler: short('承办人', 20) }).strict()),
  step('extend', z.object({ days: z.number({ error: '请填写延长天数' }).int().min(1, { error: '延长天数至少为 1' }).max(30, { error: '延长期限不得超过 30 日' }), approver: short('批准人', 20) }).strict()),
  step('reply', z.object({ facts: short('查明的事实', 5000), basis: short('处理依据（政策或法律）', 2000), decision: short('处理意见', 5000) }).strict()),
  step('close', none),
  step(
    'evaluate',
    z
      .object({
        /** 拒绝评价; or (as before the two ratings) one result for both. */
        result: z.enum(EVALUATIONS, { error: '请选择评价结果' }).optional(),
        unit: z.enum(RATINGS, { error: '请选择对责任单位的评价' }).optional(),
        dept: z.enum(RATINGS, { error: '请选择对信访部门的评价' }).optional(),
        means: z.enum(EVALUATION_MEANS, { error: '请选择评价方式' }).optional(),
        recordedBy: text(20, null, '代录人不能超过 20 字').optional(),
      })
      .strict()
      .superRefine((d, ctx) => {
        const rated = d.unit !== undefined || d.dept !== undefined;
        if (d.result !== undefined && rated) ctx.addIssue({ code: 'custom', path: ['result'], message: '拒绝评价时不填写评价结果' });
        if (d.result === undefined) {
          if (d.unit === undefined) ctx.addIssue({ code: 'custom', path: ['unit'], message: '请选择对责任单位的评价' });
          if (d.dept === undefined) ctx.addIssue({ code: 'custom', path: ['dept'], message: '请选择对信访部门的评价' });
          if (d.means === undefined) ctx.addIssue({ code: 'custom', path: ['means'], message: '请选择评价方式' });
        }
        if (d.means === '代录' && !d.recordedBy) ctx.addIssue({ code: 'custom', path: ['recordedBy'], message: '代录的评价请填写代录人' });
      }),
  ),
  step('follow_up', z.object({ means: z.enum(FOLLOW_UP_MEANS, { error: '请选择回访方式' }), by: short('回访人', 20), content: short('回访情况', 2000) }).strict()),
  step('review_request', none),
  step('review_result', z.object({ outcome: short('复查结论', 2000) }).strict()),
  step('recheck_request', none),
  step('recheck_result', z.object({ outcome: short('复核结论', 2000) }).strict()),
  step('settle', none),
  step('inquiry', z.object({ causeType: z.enum(CAUSE_TYPES, { error: '请选择成因类型' }), findings: short('调查结论', 5000), unit: text(100, null, '责任单位不能超过 100 字').default(''), accountability: text(2000, null, '追责情况不能超过 2000 字').default('') }).strict()),
  step('inquiry_close', none),
  step('assign', z.object({ kind: z.enum(ASSIGN_KINDS, { error: '请选择包案类别' }), leader: short('包案领导', 20), group: z.array(short('专班成员', 20)).max(20).default([]), plan: short('化解方案', 5000), targetDate: date, source: text(100, null, '交办来源不能超过 100 字').optional(), batch: text(100, null, '批次不能超过 100 字').optional() }).strict()),
  step('ledger', z.object({ analysis: text(5000, null, '问题分析不能超过 5000 字').optional(), plan: text(5000, null, '对策不能超过 5000 字').optional(), result: text(5000, null, '化解结果不能超过 5000 字').optional() }).strict()),
  step('link_project', z.object({ projectId: id.nullable() }).strict()),
  step('overdue_reason', none),
]);


// ---- The step schemas and the domain's event data cannot drift apart ---------------------------
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type StepData = { [S in z.output<typeof stepInput> as S['type']]: S['data'] };
/** The step types whose schema output differs from `EventData` (core/domain/case-events.ts): must be none. */
type Drifted = { [T in keyof StepData]: Exact<StepData[T], EventData[T]> extends true ? never : T }[keyof StepData];
// A compile error here names the step whose schema and event data disagree.
export const STEP_SCHEMAS_MATCH_EVENT_DATA: [Drifted] extends [never] ? true : Drifted = true;
