import { z } from 'zod';
import type { PersonHit } from '../../domain/views/person.js';
import type { PersonHistoryDto } from '../../domain/views/person-history.js';
import { ANYONE, id, text } from './spec.js';
import { method, type Namespace } from './spec.js';

/** An ID number as far as it is typed: birth date and sex when its digits say them, the problem in Chinese. */
export interface IdReadingDto {
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  complete: boolean;
  message: string | null;
}

/** A new person as the core read it, before anything is saved. */
export interface PersonCheck {
  name: string;
  sex: 'M' | 'F' | null;
  /** YYYY-MM-DD from the ID; YYYY alone when only the year (or age) is known. */
  birthDate: string | null;
  idMasked: string | null;
  /** What the participant row shows: the main phone masked and the village. */
  phoneMasked: string | null;
  village: string | null;
  villageId: number | null;
  /** The person already registered under this ID number: pick them instead. */
  existing: PersonHit | null;
  /** Same name and phone, or same name and village: ask before making a new record. */
  duplicates: PersonHit[];
}

export const newPerson = z
  .object({
    name: text(20, '请填写姓名', '姓名不能超过 20 个字'),
    idNumber: z.string().trim().max(30, { error: '身份证号应为 18 位' }).default(''),
    noIdReason: text(100, null, '原因不能超过 100 个字').default(''),
    sex: z.enum(['M', 'F'], { error: '请选择性别' }).optional(),
    birthDate: z.iso.date({ error: '出生日期格式应为 YYYY-MM-DD' }).optional(),
    /** For a person without an ID: the year of birth as they say it (or as worked out from their age). */
    birthYear: z.number({ error: '出生年份应为 4 位数字' }).int({ error: '出生年份应为 4 位数字' }).min(1900, { error: '出生年份不能早于 1900 年' }).max(2100, { error: '出生年份不正确' }).optional(),
    phones: z.array(z.string().max(30, { error: '电话号码格式不正确' })).max(3, { error: '最多登记 3 个电话' }).default([]),
    villageId: id.optional(),
    address: text(100, null, '住址不能超过 100 个字').default(''),
    /** The operator saw the likely duplicates and says this is someone else. */
    confirmedNotDuplicate: z.boolean().default(false),
  })
  .strict();

/** The longest reason a reveal may state. */
export const REVEAL_REASON_MAX = 100;

/** The `persons.*` methods. */
export const personsMethods = {
  'persons.search': method<PersonHit[]>()({
    input: z.object({ q: z.string().max(40, { error: '查询内容过长' }), limit: z.number().int().min(1).max(50).default(12) }).strict(),
    roles: ANYONE, label: '查找来访人', kind: 'read',
  }),
  /** What an ID number being typed already says (birth date, sex, or what is wrong), before it is complete. */
  'persons.readId': method<IdReadingDto>()({
    input: z.object({ idNumber: z.string().max(30, { error: '身份证号应为 18 位' }) }).strict(),
    roles: ANYONE, label: '识别身份证号', kind: 'read',
  }),
  'persons.check': method<PersonCheck>()({ input: newPerson, roles: ANYONE, label: '核对来访人信息', kind: 'read' }),
  'persons.duplicates': method<PersonHit[]>()({
    input: z
      .object({
        name: z.string().trim().max(20),
        phones: z.array(z.string().max(30)).max(3).default([]),
        villageId: id.optional(),
      })
      .strict(),
    roles: ANYONE, label: '查找疑似重复人员', kind: 'read',
  }),
  'persons.history': method<PersonHistoryDto>()({ input: z.object({ personId: id }).strict(), roles: ANYONE, label: '查看来访人历史', kind: 'read' }),
  /**
   * The full ID number and phones: audited (kind 'reveal'), with the reason the user states kept in
   * the audit entry (never in a log), and at most `revealsPerHour` a user an hour.
   */
  'persons.reveal': method<{ personId: number; idNumber: string | null; phones: string[] }>()({
    input: z.object({ personId: id, reason: text(REVEAL_REASON_MAX, '请填写查看原因', `查看原因不能超过 ${REVEAL_REASON_MAX} 个字`) }).strict(),
    roles: ANYONE,
    label: '查看完整证件号或电话', kind: 'reveal',
  }),
} satisfies Namespace<'persons'>;
