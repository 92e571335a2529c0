import type { EventType, ReferenceLists } from '../../../../core/api/contract';

/** One form per step: what the operator fills in. Rules and messages stay in the core. */
/** Option lists come from the core's reference lists (or are fixed here when purely presentational). */
type OptionSource = keyof Pick<ReferenceLists, 'redirects' | 'evaluations' | 'causeTypes' | 'assignKinds' | 'ratings' | 'evaluationMeans' | 'followUpMeans'> | 'transferModes' | 'declined';

export interface Field {
  key: string;
  label: string;
  kind: 'text' | 'textarea' | 'select' | 'number' | 'date' | 'list' | 'unit';
  options?: OptionSource;
  required?: boolean;
  placeholder?: string;
}
export interface StepForm {
  title: string;
  fields: Field[];
  reason: 'required' | 'optional' | 'none';
  reasonLabel?: string;
  /** Shown on the button: the main steps are primary. */
  primary?: boolean;
}

export function optionsOf(source: OptionSource, lists: ReferenceLists | null): { value: string; label: string }[] {
  if (source === 'transferModes') return ['转送', '交办'].map((x) => ({ value: x, label: x }));
  if (source === 'declined') return [{ value: '拒绝评价', label: '信访人拒绝评价（不填两项评价）' }];
  if (!lists) return [];
  const v = lists[source];
  return Array.isArray(v) ? v.map((x: string) => ({ value: x, label: x })) : Object.entries(v).map(([value, label]) => ({ value, label: String(label) }));
}

export const STEP_FORMS: Partial<Record<EventType, StepForm>> = {
  accept: { title: '受理', fields: [], reason: 'optional', reasonLabel: '备注', primary: true },
  reject: {
    title: '不予受理',
    fields: [
      { key: 'redirect', label: '应当通过的途径', kind: 'select', options: 'redirects', required: true },
      { key: 'body', label: '告知其向何机关提出', kind: 'text', required: true, placeholder: '如：舒城县人民法院' },
    ],
    reason: 'optional',
    reasonLabel: '不予受理理由',
  },
  transfer: {
    title: '转送/交办',
    fields: [
      { key: 'mode', label: '方式', kind: 'select', options: 'transferModes', required: true },
      { key: 'unit', label: '接收单位', kind: 'unit', required: true },
      { key: 'dueDate', label: '办结报告期限', kind: 'date', placeholder: '不填为 60 日' },
    ],
    reason: 'optional',
  },
  unit_sign: { title: '单位签收', fields: [{ key: 'receiver', label: '签收人', kind: 'text', required: true }], reason: 'none' },
  unit_return: { title: '单位退回', fields: [], reason: 'required', reasonLabel: '退回原因' },
  unit_feedback: { title: '办理反馈', fields: [{ key: 'progress', label: '办理进展', kind: 'textarea', required: true }], reason: 'none' },
  unit_report: { title: '办结报告', fields: [{ key: 'result', label: '办结情况', kind: 'textarea', required: true }], reason: 'none' },
  start: {
    title: '开始办理',
    fields: [
      { key: 'unit', label: '责任单位', kind: 'text', required: true, placeholder: '如：国土所、社会事务办' },
      { key: 'handler', label: '承办人', kind: 'text', required: true },
    ],
    reason: 'none',
    primary: true,
  },
  extend: {
    title: '延期（仅一次，最多 30 日）',
    fields: [
      { key: 'days', label: '延长天数', kind: 'number', required: true },
      { key: 'approver', label: '批准人', kind: 'text', required: true, placeholder: '本机关负责人' },
    ],
    reason: 'required',
    reasonLabel: '延期理由（将告知信访人）',
  },
  reply: {
    title: '答复（处理意见书）',
    fields: [
      { key: 'facts', label: '查明的事实', kind: 'textarea', required: true },
      { key: 'basis', label: '处理依据（政策或法律）', kind: 'textarea', required: true },
      { key: 'decision', label: '处理意见', kind: 'textarea', required: true },
    ],
    reason: 'none',
    primary: true,
  },
  close: { title: '办结', fields: [], reason: 'optional', reasonLabel: '备注', primary: true },
  evaluate: {
    title: '群众评价',
    fields: [
      { key: 'unit', label: '对责任单位的评价', kind: 'select', options: 'ratings' },
      { key: 'dept', label: '对信访部门的评价', kind: 'select', options: 'ratings' },
      { key: 'means', label: '评价方式', kind: 'select', options: 'evaluationMeans', required: true },
      { key: 'recordedBy', label: '代录人', kind: 'text', placeholder: '代录时填写' },
      { key: 'result', label: '拒绝评价', kind: 'select', options: 'declined' },
    ],
    reason: 'optional',
  },
  follow_up: {
    title: '回访',
    fields: [
      { key: 'means', label: '回访方式', kind: 'select', options: 'followUpMeans', required: true },
      { key: 'by', label: '回访人', kind: 'text', required: true },
      { key: 'content', label: '回访情况', kind: 'textarea', required: true },
    ],
    reason: 'none',
  },
  review_request: { title: '申请复查', fields: [], reason: 'optional', reasonLabel: '复查请求' },
  review_result: { title: '复查结果', fields: [{ key: 'outcome', label: '复查结论', kind: 'textarea', required: true }], reason: 'none' },
  recheck_request: { title: '申请复核', fields: [], reason: 'optional', reasonLabel: '复核请求' },
  recheck_result: { title: '复核结果', fields: [{ key: 'outcome', label: '复核结论', kind: 'textarea', required: true }], reason: 'none' },
  settle: { title: '息诉罢访', fields: [], reason: 'optional', reasonLabel: '说明' },
  inquiry: {
    title: '成因调查（一访两案）',
    fields: [
      { key: 'causeType', label: '成因类型', kind: 'select', options: 'causeTypes', required: true },
      { key: 'findings', label: '调查结论', kind: 'textarea', required: true },
      { key: 'unit', label: '责任单位', kind: 'text' },
      { key: 'accountability', label: '追责问责', kind: 'textarea' },
    ],
    reason: 'none',
  },
  inquiry_close: { title: '成因调查办结', fields: [], reason: 'optional', reasonLabel: '备注' },
  assign: {
    title: '领导包案（五个一）',
    fields: [
      { key: 'kind', label: '类别', kind: 'select', options: 'assignKinds', required: true },
      { key: 'leader', label: '包案领导', kind: 'text', required: true },
      { key: 'group', label: '工作专班（逗号分隔）', kind: 'list' },
      { key: 'plan', label: '化解方案', kind: 'textarea', required: true },
      { key: 'targetDate', label: '化解时限', kind: 'date', required: true },
      { key: 'source', label: '交办来源', kind: 'text', placeholder: '交办件填写，如：省联席办' },
      { key: 'batch', label: '交办批次', kind: 'text', placeholder: '如：省联席办 2026 第3批' },
    ],
    reason: 'none',
  },
  ledger: {
    title: '三账三单三题',
    fields: [
      { key: 'analysis', label: '问题与成因分析', kind: 'textarea' },
      { key: 'plan', label: '对策方案', kind: 'textarea' },
      { key: 'result', label: '化解结果', kind: 'textarea' },
    ],
    reason: 'none',
  },
  overdue_reason: { title: '超期原因', fields: [], reason: 'required', reasonLabel: '超期原因' },
};

/** Always available beside the handling steps (the other track and supervision). */
export const SIDE_STEPS: EventType[] = ['inquiry', 'inquiry_close', 'assign', 'ledger', 'overdue_reason'];
