import { z } from 'zod';
import { ANYONE, id } from './spec.js';
import { method, type Namespace } from './spec.js';

export interface NoticeDto {
  kind: 'accept' | 'reject' | 'extend' | 'reply';
  title: string;
  paragraphs: string[];
  caseNo: string;
  centerName: string;
  date: string;
}

/** The `notices.*` methods. */
export const noticesMethods = {
  'notices.render': method<NoticeDto>()({
    input: z.object({ matterId: id, kind: z.enum(['accept', 'reject', 'extend', 'reply']) }).strict(),
    roles: ANYONE, label: '生成告知书', kind: 'read',
  }),
} satisfies Namespace<'notices'>;
