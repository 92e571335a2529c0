import { z } from 'zod';
import type { ProjectDto } from '../../domain/views/project.js';
import { ANYONE, date, short, text } from './spec.js';
import { method, type Namespace } from './spec.js';


/** The `projects.*` methods. */
export const projectsMethods = {
  'projects.list': method<ProjectDto[]>()({ input: z.object({}).strict(), roles: ANYONE, label: '风险评估项目列表', kind: 'read' }),
  'projects.add': method<ProjectDto>()({
    input: z
      .object({ name: short('项目名称', 50), description: text(2000, null, '说明不能超过 2000 字').default(''), assessedOn: date.optional() })
      .strict(),
    roles: ANYONE, label: '新增风险评估项目', kind: 'write',
  }),
} satisfies Namespace<'projects'>;
