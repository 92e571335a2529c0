import type { ProjectDto } from '../contract/index.js';
import type { HandlersOf } from '../handler.js';
import type { CoreContext } from '../../kernel/context.js';
import { IntakeError } from '../../kernel/errors.js';
import { findProjectByName, getProject, insertProject, listProjects } from '../../store/projects.js';

const projectsList = (ctx: CoreContext): ProjectDto[] => listProjects(ctx.db);

function projectsAdd(ctx: CoreContext, input: { name: string; description: string; assessedOn?: string }): ProjectDto {
  if (findProjectByName(ctx.db, input.name) !== null) throw new IntakeError('PROJECT_DUPLICATE', { field: 'name' });
  const id = insertProject(ctx.db, { name: input.name, description: input.description, assessedOn: input.assessedOn ?? null }, ctx.clock.now().toISOString());
  return getProject(ctx.db, id)!;
}

export const projectsHandlers: HandlersOf<'projects'> = {
  'projects.list': projectsList,
  'projects.add': projectsAdd,
};
