import type { MethodName, Output, ParsedInput } from '../contract/index.js';
import type { CoreContext } from '../../kernel/context.js';
import type { Session } from '../../kernel/session.js';
import { listTownships } from '../../store/townships.js';
import { configureCenter, systemInfo } from './system.js';
import { checkPerson, findDuplicates, searchPersons } from './persons.js';
import { mattersOfPersonsHandler, registerVisit } from './registration.js';
import { matterReceipt } from './receipt.js';
import { correctEvent, matterDetail, recordStep } from './lifecycle.js';
import { listMatters, matterBatches, matterCounts, matterGroups } from './matter-lists.js';
import { projectsAdd, projectsList } from './projects.js';
import { assessment } from './assessment.js';
import { renderNotice } from './notices.js';
import { authChangePassword, authLock, authLogin, authLogout, authSetup, authStatus, authUnlock } from './auth.js';
import { usersCreate, usersList, usersResetPassword, usersUpdate } from './users.js';
import { auditList, auditVerify } from './audit.js';
import { nameInitials } from '../../domain/pinyin.js';
import { ASSIGN_KINDS, CAUSE_TYPES, EVALUATIONS, REDIRECTS } from '../../domain/case-events.js';
import { CATEGORIES, CHANNELS, PURPOSES, QUICK_TAGS, SKIP_LEVELS } from '../../domain/categories.js';
import { villagesAdd, villagesList } from './villages.js';
import { leadersList, leadersSave, rosterClear, rosterMonth, rosterSet, rosterSwap, rosterToday } from './roster.js';
import { receptionSave, receptionStart, todayQueue } from './today.js';
import { instructionsAdd, instructionsDone, instructionsList, instructionsNote, instructionsResponsibles } from './instructions.js';
import { personHistory, personReveal } from './person-history.js';
import { bundleExportStart, bundleExportStatus, bundleSetCounty, bundleStatus } from './bundles.js';

const listItem = (value: string) => ({ value, initials: nameInitials(value) });

export type Handler<M extends MethodName> = (ctx: CoreContext, input: ParsedInput<M>, session: Session) => Output<M>;

/** One handler per contract entry: the mapped type makes a missing handler a compile error. */
export const handlers: { [M in MethodName]: Handler<M> } = {
  'system.info': (ctx) => systemInfo(ctx),
  'system.configure': configureCenter,
  'reference.lists': () => ({
    channels: CHANNELS,
    purposes: PURPOSES.map(listItem),
    categories: CATEGORIES.map(listItem),
    quickTags: QUICK_TAGS,
    skipLevels: SKIP_LEVELS,
    redirects: REDIRECTS,
    evaluations: EVALUATIONS,
    causeTypes: CAUSE_TYPES,
    assignKinds: ASSIGN_KINDS,
  }),
  'townships.list': (ctx) => listTownships(ctx.db),
  'villages.list': villagesList,
  'villages.add': villagesAdd,
  'persons.search': searchPersons,
  'persons.check': checkPerson,
  'persons.duplicates': findDuplicates,
  'matters.ofPersons': mattersOfPersonsHandler,
  'visits.register': registerVisit,
  'matters.receipt': matterReceipt,
  'matters.get': matterDetail,
  'matters.step': recordStep,
  'matters.correct': correctEvent,
  'matters.list': listMatters,
  'matters.counts': matterCounts,
  'matters.groups': matterGroups,
  'matters.batches': matterBatches,
  'projects.list': projectsList,
  'projects.add': projectsAdd,
  'stats.assessment': assessment,
  'notices.render': renderNotice,
  'auth.status': authStatus,
  'auth.setup': authSetup,
  'auth.login': authLogin,
  'auth.logout': authLogout,
  'auth.lock': authLock,
  'auth.unlock': authUnlock,
  'auth.changePassword': authChangePassword,
  'users.list': usersList,
  'users.create': usersCreate,
  'users.update': usersUpdate,
  'users.resetPassword': usersResetPassword,
  'audit.list': auditList,
  'audit.verify': auditVerify,
  'leaders.list': leadersList,
  'leaders.save': leadersSave,
  'roster.month': rosterMonth,
  'roster.today': rosterToday,
  'roster.set': rosterSet,
  'roster.clear': rosterClear,
  'roster.swap': rosterSwap,
  'today.queue': todayQueue,
  'reception.start': receptionStart,
  'reception.save': receptionSave,
  'instructions.add': instructionsAdd,
  'instructions.note': instructionsNote,
  'instructions.done': instructionsDone,
  'instructions.list': instructionsList,
  'instructions.responsibles': instructionsResponsibles,
  'persons.history': personHistory,
  'persons.reveal': personReveal,
  'bundles.status': (ctx) => bundleStatus(ctx),
  'bundles.setCounty': bundleSetCounty,
  'bundles.exportStart': bundleExportStart,
  'bundles.exportStatus': bundleExportStatus,
};
