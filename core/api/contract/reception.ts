import { z } from 'zod';
import { LEADERS, id, text } from './spec.js';
import type { QueueItemDto } from '../../domain/views/queue.js';
import { method, type Namespace } from './spec.js';

/** The `reception.*` methods. */
export const receptionMethods = {
  'reception.start': method<QueueItemDto>()({
    input: z.object({ visitId: id, leader: text(40, null, '领导姓名不能超过 40 字').optional() }).strict(),
    roles: LEADERS,
    label: '开始接访', kind: 'write',
  }),
  'reception.save': method<QueueItemDto>()({
    input: z
      .object({
        visitId: id,
        heard: text(5000, null, '听取情况不能超过 5000 字').default(''),
        answered: text(5000, null, '答复意见不能超过 5000 字').default(''),
        /** Also mark the visitor received and write the record into the matter's events. */
        finish: z.boolean().default(false),
      })
      .strict(),
    roles: LEADERS,
    label: '接访记录', kind: 'write',
  }),
} satisfies Namespace<'reception'>;
