import { z } from 'zod';
import type { DutyDayDto } from '../../domain/views/duty.js';
import type { QueueItemDto } from '../../domain/views/queue.js';
import { ANYONE, date } from './spec.js';
import { method, type Namespace } from './spec.js';

export interface TodayQueueDto {
  date: string;
  now: string;
  duty: DutyDayDto;
  items: QueueItemDto[];
  counts: { waiting: number; receiving: number; done: number };
}

/** The `today.*` methods. */
export const todayMethods = {
  'today.queue': method<TodayQueueDto>()({ input: z.object({ date: date.optional() }).strict(), roles: ANYONE, label: '今日接访队列', kind: 'read', passive: true }),
} satisfies Namespace<'today'>;
