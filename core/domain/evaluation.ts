/**
 * The petitioner's evaluation after a reply (DOMAIN.md, "Evaluation"; issue 16, item 4): 待评价 from the
 * reply until evaluated (已评价, or 拒绝评价) or until a setting's number of days has passed with none
 * (超期未评价). Two ratings, of the 责任单位 and of the 信访部门, each 满意 / 基本满意 / 不满意, and how it
 * was given (当面 / 电话 / 短信 / 代录, with who recorded it). 回访 records do not move the state. A
 * 不满意 rating offers 复查 while its window is open. Pure: no I/O; days are calendar days.
 */
import { addDays } from './local-time.js';

/** The one result a reply's evaluation comes to (拒绝评价 included); the two ratings below refine it. */
export const EVALUATIONS = ['满意', '基本满意', '不满意', '拒绝评价'] as const;
export type Evaluation = (typeof EVALUATIONS)[number];

export const RATINGS = ['满意', '基本满意', '不满意'] as const;
export type Rating = (typeof RATINGS)[number];
export const EVALUATION_MEANS = ['当面', '电话', '短信', '代录'] as const;
export type EvaluationMeans = (typeof EVALUATION_MEANS)[number];
export const FOLLOW_UP_MEANS = ['当面', '电话', '短信', '上门'] as const;
export type FollowUpMeans = (typeof FOLLOW_UP_MEANS)[number];

/** Days after the reply the petitioner may evaluate before it is 超期未评价 (a setting). */
export const DEFAULT_EVALUATION_DAYS = 30;

export type EvaluationState = '未答复' | '待评价' | '已评价' | '拒绝评价' | '超期未评价';

const ORDER: Record<Rating, number> = { 满意: 0, 基本满意: 1, 不满意: 2 };

/** One figure per matter (参评满意率): the lower of the two ratings, so a matter counts satisfied only when both are. */
export function overallRating(unit: Rating, dept: Rating): Rating {
  return ORDER[unit] >= ORDER[dept] ? unit : dept;
}

/** The last day the petitioner may evaluate: `days` after the reply. */
export const evaluationDue = (repliedOn: string, days: number): string => addDays(repliedOn, days);

/** Where the evaluation stands on a day. */
export function evaluationState(s: { repliedOn: string | null; evaluation: Evaluation | null }, today: string, days: number): EvaluationState {
  if (!s.repliedOn) return '未答复';
  if (s.evaluation === '拒绝评价') return '拒绝评价';
  if (s.evaluation !== null) return '已评价';
  return today > evaluationDue(s.repliedOn, days) ? '超期未评价' : '待评价';
}

/** 超期未评价 on a day, for the figures: replied, never evaluated, and the window over. */
export const evaluationExpired = (f: { repliedOn: string | null; evaluation: string | null }, today: string, days: number): boolean =>
  f.repliedOn !== null && f.evaluation === null && today > evaluationDue(f.repliedOn, days);

/** Does any rating say 不满意? (A legacy single result counts as both.) */
export const dissatisfied = (e: Evaluation | null, ratings: { unit: Rating; dept: Rating } | null): boolean =>
  e === '不满意' || ratings?.unit === '不满意' || ratings?.dept === '不满意';

/**
 * After a 不满意, the desk offers 复查 while it may still be asked for: the last day, or null when there is
 * nothing to offer (satisfied, no window left, or 复查 already asked).
 */
export function reviewOffer(
  s: { evaluation: Evaluation | null; ratings: { unit: Rating; dept: Rating } | null; reviewRequestBy: string | null; reviewRequestedOn: string | null; state: string },
  today: string,
): string | null {
  if (!dissatisfied(s.evaluation, s.ratings) || s.reviewRequestedOn !== null || s.reviewRequestBy === null) return null;
  if (s.state !== 'replied' && s.state !== 'closed') return null;
  return today <= s.reviewRequestBy ? s.reviewRequestBy : null;
}
