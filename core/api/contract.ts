/**
 * The one contract between the UI and the core. Every call the renderer can make is an entry here:
 * its input schema (validated at run time, because the HTTP bridge and bundles cross trust
 * boundaries), its output type and the roles allowed. The Electron binding, the HTTP binding and the
 * renderer client are all derived from this table. The renderer may import this file for types only.
 */
import { z } from 'zod';

export const ROLES = ['reception', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];
const ANYONE: readonly Role[] = ROLES;
const ADMIN: readonly Role[] = ['admin'];

// ---- Output shapes -------------------------------------------------------------------------
export interface TownshipDto {
  code: string;
  name: string;
  kind: 'town' | 'township' | 'zone';
}
export interface SystemInfo {
  version: string;
  schemaVersion: number;
  county: string;
  township: TownshipDto | null;
  dataDir: string;
}
export interface VillageDto {
  id: number;
  townshipCode: string;
  name: string;
}

// ---- Input schemas -------------------------------------------------------------------------
const townshipCode = z
  .string({ error: '请选择乡镇' })
  .regex(/^[A-Z]{2,4}$/, { error: '乡镇代码格式不正确' });

// ---- The table ----------------------------------------------------------------------------
interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  roles: readonly Role[];
  /** Phantom: carries the output type; never set at run time. */
  output?: O;
}
const method =
  <O>() =>
  <I extends z.ZodType>(spec: { input: I; roles: readonly Role[] }): MethodSpec<I, O> =>
    spec;

export const contract = {
  'system.info': method<SystemInfo>()({ input: z.object({}).strict(), roles: ANYONE }),
  'system.setTownship': method<SystemInfo>()({
    input: z.object({ code: townshipCode }).strict(),
    roles: ADMIN,
  }),
  'townships.list': method<TownshipDto[]>()({ input: z.object({}).strict(), roles: ANYONE }),
  'villages.list': method<VillageDto[]>()({
    input: z.object({ township: townshipCode.optional() }).strict(),
    roles: ANYONE,
  }),
  'villages.add': method<VillageDto>()({
    input: z
      .object({
        township: townshipCode.optional(),
        name: z.string({ error: '请填写村（社区）名称' }).max(200, { error: '村（社区）名称不能超过 30 个字' }),
      })
      .strict(),
    roles: ADMIN,
  }),
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller passes (before defaults and transforms). */
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives (after validation). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type Output<M extends MethodName> = Contract[M] extends MethodSpec<z.ZodType, infer O> ? O : never;

export interface CallFailure {
  ok: false;
  code: string;
  message_zh: string;
  /** Dotted path of the input field the message belongs next to. */
  field?: string;
  /** Set for unexpected errors: quote it to the admin; the log has the rest. */
  incident?: string;
}
export type CallResult<T> = { ok: true; value: T } | CallFailure;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];
