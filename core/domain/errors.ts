/**
 * Errors are values with codes. A handler throws IntakeError; the dispatcher turns it into
 * { ok:false, code, message_zh, field? } for the UI, and the CLI prints the English text.
 */
export const ERROR_MESSAGES = {
  INVALID_INPUT: { zh: '输入有误', en: 'Invalid input' },
  UNKNOWN_METHOD: { zh: '未知的操作', en: 'Unknown method' },
  FORBIDDEN: { zh: '当前账号无权执行此操作', en: 'This role may not call this method' },
  NOT_FOUND: { zh: '未找到该记录', en: 'Record not found' },
  VILLAGE_NAME_REQUIRED: { zh: '请填写村（社区）名称', en: 'Village name is required' },
  VILLAGE_NAME_TOO_LONG: { zh: '村（社区）名称不能超过 30 个字', en: 'Village name must be at most 30 characters' },
  VILLAGE_NAME_INVALID: {
    zh: '村（社区）名称只能包含汉字、字母、数字和括号',
    en: 'Village name may contain only Chinese characters, letters, digits and brackets',
  },
  VILLAGE_DUPLICATE: { zh: '本乡镇已有同名的村（社区）', en: 'This township already has a village of that name' },
  TOWNSHIP_UNKNOWN: { zh: '没有这个乡镇', en: 'Unknown township code' },
  TOWNSHIP_NOT_SET: { zh: '尚未设置本中心所属乡镇，请到“系统管理”中设置', en: 'The center township is not set' },
  DB_TOO_NEW: {
    zh: '数据库版本比本程序新，请安装新版信访接待台后再打开',
    en: 'The database was written by a newer version of Township Intake; install that version to open it',
  },
  INTERNAL: { zh: '系统内部错误，请联系管理员', en: 'Internal error' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export class IntakeError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly message_zh: string;

  constructor(code: ErrorCode, opts: { field?: string; message_zh?: string; detail?: string } = {}) {
    const text = ERROR_MESSAGES[code];
    super(opts.detail ? `${text.en}: ${opts.detail}` : text.en);
    this.name = 'IntakeError';
    this.code = code;
    this.field = opts.field;
    this.message_zh = opts.message_zh ?? text.zh;
  }
}
