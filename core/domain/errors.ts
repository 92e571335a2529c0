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
  ID_LENGTH: { zh: '身份证号应为 18 位', en: 'A resident ID number has 18 characters' },
  ID_CHARACTERS: { zh: '身份证号前 17 位应为数字，最后一位为数字或 X', en: 'A resident ID is 17 digits and a digit or X' },
  ID_OLD_FORMAT: { zh: '15 位旧身份证已停用，请登记 18 位身份证号', en: 'Old 15-digit IDs are no longer valid' },
  ID_AREA: { zh: '身份证号的地区码不正确', en: 'The area code of the ID number is not valid' },
  ID_BIRTH_DATE: { zh: '身份证号中的出生日期不正确', en: 'The birth date in the ID number is not valid' },
  ID_CHECK_CHAR: { zh: '身份证号校验位不正确，请核对号码', en: 'The check character of the ID number is wrong' },
  ID_EXISTS: { zh: '该身份证号已登记，请直接选择此人', en: 'A person with this ID number is already registered' },
  ID_OR_REASON: { zh: '请填写身份证号，或说明未提供身份证的原因', en: 'Give an ID number or the reason there is none' },
  SEX_MISMATCH: { zh: '性别与身份证号不符', en: 'Sex contradicts the ID number' },
  BIRTH_MISMATCH: { zh: '出生日期与身份证号不符', en: 'Birth date contradicts the ID number' },
  NAME_INVALID: { zh: '姓名只能包含汉字、字母和间隔号', en: 'A name may contain only letters and the middle dot' },
  PHONE_INVALID: { zh: '电话号码格式不正确（手机 11 位，固话如 0564-1234567）', en: 'Phone number is not valid' },
  PERSON_NOT_FOUND: { zh: '未找到该来访人', en: 'Person not found' },
  PERSON_TWICE: { zh: '同一来访人登记了两次', en: 'The same person is listed twice' },
  LIKELY_DUPLICATE: {
    zh: '已有同名且电话或村（社区）相同的人员，请确认是否为同一人',
    en: 'A person with the same name and phone or village exists; confirm this is someone else',
  },
  VILLAGE_UNKNOWN: { zh: '没有这个村（社区）', en: 'Unknown village' },
  HEADCOUNT_TOO_SMALL: { zh: '来访人数不能少于已登记的人数', en: 'Headcount is below the number of persons listed' },
  INVOLVED_TOO_SMALL: { zh: '涉及人数不能少于来访人数', en: 'People involved cannot be fewer than those who came' },
  TOO_MANY_REPRESENTATIVES: { zh: '集体访推选代表不得超过 5 人', en: 'A group visit has at most 5 representatives' },
  REPRESENTATIVES_NOT_GROUP: { zh: '5 人以下来访不属于集体访，无需推选代表', en: 'Only group visits (5 or more) have representatives' },
  MATTER_NOT_FOUND: { zh: '未找到该信访事项', en: 'Matter not found' },
  ATTACHMENT_INVALID: { zh: '附件内容无法读取', en: 'Attachment data is not valid base64' },
  ATTACHMENT_TOO_LARGE: { zh: '单个附件不能超过 20 MB', en: 'An attachment may be at most 20 MB' },
  CASE_NUMBERS_EXHAUSTED: { zh: '本年度案件编号已用完，请联系管理员', en: 'Case numbers for this year are exhausted' },
  ILLEGAL_STEP: { zh: '事项当前状态不能进行此操作', en: 'This step is not allowed in the matter\'s current state' },
  SECOND_EXTENSION: { zh: '办理期限只能延长一次', en: 'A matter may be extended only once' },
  EXTENSION_TOO_LONG: { zh: '延长期限不得超过 30 日', en: 'An extension may be at most 30 days' },
  EVENT_BEFORE_REGISTRATION: { zh: '日期不能早于登记日期', en: 'The date is before the registration' },
  EVENT_OUT_OF_ORDER: { zh: '日期不能早于上一办理环节', en: 'The date is before the previous step' },
  EVENT_IN_FUTURE: { zh: '日期不能晚于今天', en: 'The date is in the future' },
  EVENT_NOT_CORRECTABLE: { zh: '该记录不能更正', en: 'That event cannot be corrected' },
  INQUIRY_INCOMPLETE: { zh: '请先填写成因类型和调查结论，再办结成因调查', en: 'Record the cause type and findings before closing the inquiry' },
  REVIEW_TOO_LATE: { zh: '已超过申请复查期限（答复后 30 日内）', en: 'The 30 days to request a review have passed' },
  RECHECK_TOO_LATE: { zh: '已超过申请复核期限（复查答复后 30 日内）', en: 'The 30 days to request a recheck have passed' },
  REASON_REQUIRED: { zh: '请填写原因', en: 'A reason is required' },
  PROJECT_NOT_FOUND: { zh: '未找到该项目', en: 'Project not found' },
  PROJECT_DUPLICATE: { zh: '已有同名项目', en: 'A project of that name exists' },
  NOTICE_NOT_READY: { zh: '该事项还没有对应的办理环节，不能出具此告知书', en: 'The matter has not reached the step this notice reports' },
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
