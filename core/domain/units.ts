/** Units a matter goes to after 转送/交办 (DOMAIN.md, Units and the handling loop). */
export const UNIT_KINDS = ['站所', '村/社区', '县直部门'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
