/**
 * What one contract entry declares, and the input pieces many entries share. Every entry names its
 * roles, its kind and its Chinese label, so dispatch, the audit trail and the renderer read them here
 * and nowhere else.
 */
import { z } from 'zod';
import type { ErrorCode } from '../../kernel/errors.js';
import { ROLES, type Role } from '../../kernel/roles.js';

export const ANYONE: readonly Role[] = ROLES;
export const ADMIN: readonly Role[] = ['admin'];
/** Registration is the desk's job; a duty leader may register a visitor too. */
export const DESK: readonly Role[] = ROLES;
/** Receiving visitors and giving instructions (批示). */
export const LEADERS: readonly Role[] = ['leader', 'admin'];

/**
 * 'read' runs on a reader connection and leaves no audit entry; 'write' and 'reveal' (a full ID or
 * phone shown) leave one; 'job' starts long work that reports progress and can be cancelled.
 */
export type MethodKind = 'read' | 'write' | 'reveal' | 'job';

export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  roles: readonly Role[];
  /** Required on purpose, so every new method decides whether it is audited. */
  kind: MethodKind;
  /** What the method does, as the audit screen and the role pages show it. */
  label: string;
  /** Callable before signing in (the login screen needs these). */
  public?: boolean;
  /** Callable while the session is locked (idle lock). */
  whileLocked?: boolean;
  /** Callable by a user who must first change an initial password. */
  whileMustChange?: boolean;
  /** A background poll: does not count as the user being active (idle lock). */
  passive?: boolean;
  /** A read that needs what only the writer holds (sessions, running jobs, keys): never sent to a reader. */
  onWriter?: boolean;
  /** The handler runs its own transactions (login must record a failure and still refuse). */
  selfTx?: boolean;
  /** Phantom: carries the output type; never set at run time. */
  output?: O;
}

export const method =
  <O>() =>
  <I extends z.ZodType>(spec: Omit<MethodSpec<I, O>, 'output'>): MethodSpec<I, O> =>
    spec;

/** A namespace's table: every key starts with its namespace, so `matters.ts` holds only `matters.*`. */
export type Namespace<N extends string> = Record<`${N}.${string}`, MethodSpec<z.ZodType, unknown>>;

export interface CallFailure {
  ok: false;
  code: ErrorCode;
  message_zh: string;
  /** Dotted path of the input field the message belongs next to. */
  field?: string;
  /** Set for unexpected errors: quote it to the admin; the log has the rest. */
  incident?: string;
}
export type CallResult<T> = { ok: true; value: T } | CallFailure;

// ---- Input pieces shared by several namespaces -------------------------------------------------
export const townshipCode = z
  .string({ error: '请选择乡镇' })
  .regex(/^[A-Z]{2,4}$/, { error: '乡镇代码格式不正确' });

/**
 * What no free text may carry: control characters other than tab and line breaks (NUL among them),
 * bidirectional overrides (a name that reads one way and sorts another), and lone surrogates.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Zero-width and other invisible characters: a value made only of them says nothing. */
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF\u00AD\u180E]/gu;

export const cleanText = (s: string): boolean => !FORBIDDEN_CHARS.test(s) && !LONE_SURROGATE.test(s);
export const visibleText = (s: string): boolean => s.replace(INVISIBLE, '').length > 0;

export const text = (max: number, required: string | null, tooLong: string) => {
  const base = z.string({ error: required ?? '内容格式不正确' }).trim().refine(cleanText, { error: '含有不允许的控制字符或不可见的方向字符，请删除后重新输入' });
  return required
    ? base.refine(visibleText, { error: required }).check(z.minLength(1, { error: required }), z.maxLength(max, { error: tooLong }))
    : base.check(z.maxLength(max, { error: tooLong }));
};
export const id = z.number({ error: '缺少编号' }).int().positive();
export const date = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
export const short = (label: string, max = 100) => text(max, `请填写${label}`, `${label}不能超过 ${max} 字`);
export const none = z.object({}).strict().default({});
