/**
 * Chinese names for synthetic persons: surnames by frequency (roughly the 2020 national shares, with
 * the surnames common around Shucheng — 储, 汪, 程, 许, 方, 操 — weighted up), and given names from
 * character pools that follow the petitioner's generation and sex, as real names do.
 */
import { Rng, Weighted } from './random.js';

/** [surname, weight per 10,000]. Compound surnames are rare but present. */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 710], ['李', 700], ['张', 680], ['刘', 540], ['陈', 460], ['杨', 310], ['黄', 250], ['赵', 230],
  ['吴', 200], ['周', 190], ['徐', 170], ['孙', 150], ['马', 150], ['朱', 130], ['胡', 130], ['郭', 120],
  ['何', 120], ['高', 110], ['林', 110], ['罗', 110], ['郑', 90], ['梁', 90], ['谢', 80], ['宋', 70],
  ['唐', 70], ['许', 90], ['韩', 60], ['冯', 60], ['邓', 60], ['曹', 60], ['彭', 55], ['曾', 55],
  ['肖', 55], ['田', 50], ['董', 50], ['袁', 50], ['潘', 50], ['于', 45], ['蒋', 45], ['蔡', 45],
  ['余', 60], ['杜', 40], ['叶', 40], ['程', 70], ['苏', 40], ['魏', 40], ['吕', 40], ['丁', 40],
  ['任', 35], ['沈', 35], ['姚', 35], ['卢', 35], ['姜', 35], ['崔', 30], ['钟', 30], ['谭', 30],
  ['陆', 30], ['汪', 90], ['范', 30], ['金', 30], ['石', 30], ['廖', 30], ['贾', 30], ['夏', 30],
  ['韦', 25], ['付', 25], ['方', 50], ['白', 25], ['邹', 25], ['孟', 25], ['熊', 25], ['秦', 25],
  ['邱', 25], ['江', 30], ['尹', 20], ['薛', 20], ['闫', 20], ['段', 20], ['雷', 20], ['侯', 20],
  ['龙', 20], ['史', 20], ['陶', 20], ['黎', 15], ['贺', 15], ['顾', 15], ['毛', 15], ['郝', 15],
  ['龚', 15], ['邵', 15], ['万', 20], ['钱', 15], ['严', 15], ['武', 15], ['戴', 15], ['孔', 10],
  ['汤', 20], ['储', 80], ['操', 30], ['檀', 12], ['鲍', 12], ['查', 10], ['章', 15], ['桂', 10],
  ['凌', 10], ['单', 8], ['欧阳', 6], ['诸葛', 2], ['司马', 2],
];

type Era = 'old' | 'mid' | 'young';
type Sex = 'M' | 'F';

/** Given-name characters by generation (born before 1960, 1960–1984, from 1985) and sex. */
const GIVEN: Record<Era, Record<Sex, string>> = {
  old: {
    M: '建国华明德福贵宝春永昌胜利发友金忠林山泉成玉志荣树庆文才正道义仁善家兴中全有良礼开先根',
    F: '秀英兰桂珍芳凤玉翠花梅琴云霞菊香莲芝淑娥美荣素月巧银金彩群爱',
  },
  mid: {
    M: '军伟勇强平斌刚峰杰涛卫东明海波辉林俊兵新建国华忠亮宏红斌兵彬生春虎龙云飞武',
    F: '红丽艳萍霞燕玲芳敏静娟英华梅琴莉秀琳丹翠春玉凤君慧云娜',
  },
  young: {
    M: '浩宇杰鹏磊超晨涛俊博文轩子豪凯阳帆鑫伟强龙健毅泽睿翔宁辰昊逸然晓',
    F: '婷雪倩晶颖欣怡佳慧琳雯璐瑶悦涵梦洁静丹蕾思雨晓琪月娇薇',
  },
};

/** Whole given names that a generation used so often they deserve their own weight. */
const CLASSIC: Record<Era, Record<Sex, readonly string[]>> = {
  old: { M: ['建国', '国庆', '德华', '福生', '长林', '光明'], F: ['秀英', '桂英', '玉兰', '凤英', '桂兰', '秀兰', '玉珍'] },
  mid: { M: ['伟', '勇', '军', '强', '建军', '卫东', '志强'], F: ['红', '丽', '艳', '丽娟', '红梅', '海燕'] },
  young: { M: ['浩', '宇', '子豪', '浩然', '俊杰'], F: ['婷', '欣怡', '雨涵', '梦婷', '佳怡'] },
};

const surnames = new Weighted(SURNAMES);
const pools: Record<Era, Record<Sex, string[]>> = {
  old: { M: [...GIVEN.old.M], F: [...GIVEN.old.F] },
  mid: { M: [...GIVEN.mid.M], F: [...GIVEN.mid.F] },
  young: { M: [...GIVEN.young.M], F: [...GIVEN.young.F] },
};

const eraOf = (birthYear: number): Era => (birthYear < 1960 ? 'old' : birthYear < 1985 ? 'mid' : 'young');

export function surname(rng: Rng): string {
  return surnames.pick(rng);
}

/** A given name of one or two characters for this generation and sex. */
export function givenName(rng: Rng, sex: Sex, birthYear: number): string {
  const era = eraOf(birthYear);
  if (rng.chance(0.12)) return rng.pick(CLASSIC[era][sex]);
  const pool = pools[era][sex];
  if (rng.chance(era === 'young' ? 0.1 : 0.22)) return rng.pick(pool);
  const first = rng.pick(pool);
  let second = rng.pick(pool);
  if (second === first && rng.chance(0.8)) second = rng.pick(pool);
  return first + second;
}

export function personName(rng: Rng, sex: Sex, birthYear: number): string {
  return surname(rng) + givenName(rng, sex, birthYear);
}

export const SURNAME_LIST: readonly string[] = SURNAMES.map((s) => s[0]);
