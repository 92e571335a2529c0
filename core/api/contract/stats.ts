import { z } from 'zod';
import type { AssessmentFigures } from '../../domain/assessment.js';
import { ANYONE, date } from './spec.js';
import { method, type Namespace } from './spec.js';

/** The `stats.*` methods. */
export const statsMethods = {
  'stats.assessment': method<AssessmentFigures>()({
    input: z.object({ from: date, to: date }).strict(),
    roles: ANYONE, label: '考核指标统计', kind: 'read',
  }),
} satisfies Namespace<'stats'>;
