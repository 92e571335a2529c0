import type { CaseStatus } from './case-state.js';
import { DEFAULT_EVALUATION_DAYS, evaluationState } from './evaluation.js';

export interface Ratio {
  num: number;
  den: number;
  /** null when there is nothing to measure yet */
  rate: number | null;
}
const ratio = (num: number, den: number): Ratio => ({ num, den, rate: den === 0 ? null : num / den });

export interface AssessmentFigures {
  registered: number;
  timelyDecision: Ratio; // 及时受理率
  timelyReply: Ratio; // 按期答复率
  timelyClose: Ratio; // 按期办结率
  participation: Ratio; // 群众参评率
  satisfaction: Ratio; // 参评满意率
  leaderResolution: Ratio; // 领导包案化解率
  repeatVisits: number; // 重复信访
  fullyClosed: number;
}

/**
 * The figures a township is assessed on, over the matters registered in a period. A deadline that
 * has passed with nothing done counts against the township; one still running is not yet counted.
 */
export function assessmentFigures(statuses: readonly CaseStatus[], repeatVisits: number, today: string, evaluationDays = DEFAULT_EVALUATION_DAYS): AssessmentFigures {
  const decisionDue = statuses.filter((s) => s.decidedOn !== null || s.decisionDue < today);
  const replyDue = statuses.filter((s) => s.repliedOn !== null || (s.handleDue !== null && s.handleDue < today && !s.handlingClosed));
  const closed = statuses.filter((s) => s.closedOn !== null);
  // 群众参评率 counts a reply once its evaluation is settled: evaluated, declined, or its window over (超期未评价).
  const replied = statuses.filter((s) => s.repliedOn !== null && evaluationState(s, today, evaluationDays) !== '待评价');
  const evaluated = replied.filter((s) => s.evaluation !== null && s.evaluation !== '拒绝评价');
  const assigned = statuses.filter((s) => s.assignment !== null);
  return {
    registered: statuses.length,
    timelyDecision: ratio(decisionDue.filter((s) => s.decidedOn !== null && s.decidedOn <= s.decisionDue).length, decisionDue.length),
    timelyReply: ratio(replyDue.filter((s) => s.repliedOn !== null && s.handleDue !== null && s.repliedOn <= s.handleDue).length, replyDue.length),
    timelyClose: ratio(closed.filter((s) => s.handleDue !== null && s.closedOn! <= s.handleDue).length, closed.length),
    participation: ratio(evaluated.length, replied.length),
    satisfaction: ratio(evaluated.filter((s) => s.evaluation === '满意' || s.evaluation === '基本满意').length, evaluated.length),
    leaderResolution: ratio(assigned.filter((s) => s.fullyClosed || s.state === 'settled').length, assigned.length),
    repeatVisits,
    fullyClosed: statuses.filter((s) => s.fullyClosed).length,
  };
}
