/**
 * Synthetic persons: valid resident ID numbers (Shucheng's area code 341523 for most, the rest of
 * Lu'an and neighbouring Hefei for a few), birth date and sex derived from the number as the desk
 * derives them, mobiles on real operator prefixes, a few Lu'an landlines (0564), a village.
 */
import { idCheckChar } from '../domain/idcard.js';
import { addDays } from '../domain/local-time.js';
import { nameInitials } from '../domain/pinyin.js';
import type { NewPersonRow } from '../store/persons.js';
import { personName } from './names.js';
import { Rng, Weighted } from './random.js';

export const SHUCHENG = '341523';
/** Lu'an's other districts and counties, and Feixi (Hefei) next door: people move. */
const AREAS = new Weighted<string>([
  [SHUCHENG, 940],
  ['341502', 12], // 金安区
  ['341503', 12], // 裕安区
  ['341504', 4], // 叶集区
  ['341522', 8], // 霍邱县
  ['341524', 6], // 金寨县
  ['341525', 6], // 霍山县
  ['340123', 12], // 肥西县
]);

const MOBILE_PREFIXES = new Weighted<string>(
  (
    [
      // China Mobile
      ['134', 3], ['135', 5], ['136', 4], ['137', 5], ['138', 6], ['139', 6], ['147', 1], ['150', 4], ['151', 4],
      ['152', 4], ['157', 2], ['158', 4], ['159', 4], ['178', 2], ['182', 3], ['183', 2], ['187', 4], ['188', 3],
      ['198', 2],
      // China Unicom
      ['130', 3], ['131', 2], ['132', 2], ['155', 2], ['156', 2], ['166', 1], ['175', 1], ['176', 2], ['185', 2],
      ['186', 3],
      // China Telecom
      ['133', 2], ['153', 2], ['173', 1], ['177', 2], ['180', 2], ['181', 2], ['189', 3], ['191', 1], ['199', 2],
    ] as const
  ).map(([p, w]) => [p, w] as [string, number]),
);

const NO_ID_REASONS = new Weighted<string>([
  ['未带身份证', 60],
  ['身份证遗失，正在补办', 15],
  ['拒绝提供', 15],
  ['来信未注明身份证号', 10],
]);

export interface Village {
  id: number;
  townshipCode: string;
  name: string;
}

/**
 * Hands out unique ID numbers. The 3-digit sequence of a real number is the order of registration at
 * the police station for that area and birth date, odd for men and even for women; here each (area,
 * date) starts at a seeded offset and counts up by two, so no number is given twice.
 */
export class IdAllocator {
  /** (area, birth date, sex) → [first sequence, numbers given] */
  private readonly used = new Map<string, [number, number]>();

  constructor(private readonly rng: Rng) {}

  /** A new number and the birth date it carries (the next day if that day's numbers ran out). */
  allocate(area: string, birth: string, sex: 'M' | 'F'): { id: string; birthDate: string } {
    let date = birth;
    for (;;) {
      const prefix = `${area}${date.replaceAll('-', '')}`;
      const key = prefix + sex;
      let entry = this.used.get(key);
      if (!entry) {
        entry = [this.rng.int(25) * 2, 0]; // small stations: a day's first numbers are the common ones
        this.used.set(key, entry);
      }
      if (entry[1] < 500) {
        const seq = ((entry[0] + entry[1] * 2) % 1000) + (sex === 'M' ? 1 : 0);
        entry[1] += 1;
        const first17 = prefix + String(seq).padStart(3, '0');
        return { id: first17 + idCheckChar(first17), birthDate: date };
      }
      date = addDays(date, 1); // 500 of one sex born that day in that county: use the next day
    }
  }
}

export function mobile(rng: Rng): string {
  return MOBILE_PREFIXES.pick(rng) + rng.digits(8);
}

/** A Lu'an landline: area code 0564, seven digits not starting with 0 or 1. */
export function landline(rng: Rng): string {
  return `0564-${rng.between(2, 8)}${rng.digits(6)}`;
}

const CHINESE_NUMBERS = '一二三四五六七八九十';
function address(rng: Rng, village: Village): string {
  if (rng.chance(0.35)) return '';
  if (village.name.endsWith('社区')) return `${village.name}${rng.between(1, 30)}栋${rng.between(1, 6)}0${rng.between(1, 4)}室`;
  const group = rng.between(1, 14);
  return `${village.name}${group <= 10 ? CHINESE_NUMBERS[group - 1] : `十${CHINESE_NUMBERS[group - 11]}`}组`;
}

/** Petitioners are mostly middle-aged and older; age at first visit, clipped to 18–95. */
export function ageAtVisit(rng: Rng): number {
  return Math.max(18, Math.min(95, Math.round(rng.normal(54, 13))));
}

export interface PersonFactory {
  /** A new person as the store takes it, met first on `visitDate` (YYYY-MM-DD). */
  make(visitDate: string): NewPersonRow;
}

export function personFactory(rng: Rng, villages: { home: readonly Village[]; elsewhere: readonly Village[] }): PersonFactory {
  const ids = new IdAllocator(rng.fork('ids'));
  return {
    make(visitDate) {
      const sex: 'M' | 'F' = rng.chance(0.62) ? 'M' : 'F';
      const age = ageAtVisit(rng);
      const birthYear = Number(visitDate.slice(0, 4)) - age;
      const birth = addDays(`${birthYear}-01-01`, rng.int(365));
      const name = personName(rng, sex, birthYear);
      const withId = !rng.chance(0.03);
      const village = villages.elsewhere.length > 0 && rng.chance(0.12) ? rng.pick(villages.elsewhere) : rng.pick(villages.home);
      const phones: NewPersonRow['phones'] = [];
      const r = rng.next();
      if (r < 0.9) phones.push({ value: mobile(rng), kind: 'mobile' });
      else if (r < 0.95) phones.push({ value: landline(rng), kind: 'landline' });
      if (phones.length > 0 && rng.chance(0.12)) phones.push({ value: rng.chance(0.7) ? mobile(rng) : landline(rng), kind: 'mobile' });
      for (const p of phones) p.kind = p.value.startsWith('0') ? 'landline' : 'mobile';
      const id = withId ? ids.allocate(AREAS.pick(rng), birth, sex) : null;
      return {
        name,
        initials: nameInitials(name),
        // Without an ID the operator types sex and leaves the birth date out.
        sex,
        idNumber: id?.id ?? null,
        noIdReason: id ? null : NO_ID_REASONS.pick(rng),
        birthDate: id?.birthDate ?? null,
        townshipCode: village.townshipCode,
        villageId: village.id,
        address: address(rng, village),
        phones,
      };
    },
  };
}
