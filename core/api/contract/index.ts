/**
 * The one contract between the UI and the core: one file per namespace, merged here. Every call the
 * renderer can make is an entry: its input schema (validated at run time, because IPC, HTTP and the
 * CLI cross trust boundaries), output type, roles, kind and label. The Electron binding, the HTTP
 * binding, the CLI and the renderer client all derive from this table. The renderer may import this
 * file for types only.
 */
import type { z } from 'zod';
import { attachmentsMethods } from './attachments.js';
import { auditMethods } from './audit.js';
import { backupsMethods } from './backups.js';
import { authMethods } from './auth.js';
import { bundlesMethods } from './bundles.js';
import { countyMethods } from './county.js';
import { instructionsMethods } from './instructions.js';
import { jobsMethods } from './jobs.js';
import { keysMethods } from './keys.js';
import { leadersMethods } from './leaders.js';
import { mattersMethods } from './matters.js';
import { noticesMethods } from './notices.js';
import { personsMethods } from './persons.js';
import { projectsMethods } from './projects.js';
import { receptionMethods } from './reception.js';
import { referenceMethods } from './reference.js';
import { rosterMethods } from './roster.js';
import { statsMethods } from './stats.js';
import { systemMethods } from './system.js';
import { todayMethods } from './today.js';
import { townshipsMethods } from './townships.js';
import { unitsMethods } from './units.js';
import { usersMethods } from './users.js';
import { villagesMethods } from './villages.js';
import { visitsMethods } from './visits.js';
import type { MethodSpec } from './spec.js';

export const contract = {
  ...systemMethods,
  ...referenceMethods,
  ...townshipsMethods,
  ...villagesMethods,
  ...personsMethods,
  ...visitsMethods,
  ...mattersMethods,
  ...projectsMethods,
  ...statsMethods,
  ...noticesMethods,
  ...unitsMethods,
  ...authMethods,
  ...usersMethods,
  ...auditMethods,
  ...leadersMethods,
  ...rosterMethods,
  ...todayMethods,
  ...receptionMethods,
  ...instructionsMethods,
  ...bundlesMethods,
  ...keysMethods,
  ...jobsMethods,
  ...attachmentsMethods,
  ...backupsMethods,
  ...countyMethods,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** The namespaces: `matters` for `matters.get` … */
export type NamespaceName = MethodName extends `${infer N}.${string}` ? N : never;
/** What a caller passes (before defaults and transforms). */
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives (after validation). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type Output<M extends MethodName> = Contract[M] extends MethodSpec<z.ZodType, infer O> ? O : never;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export { ROLES, type Role } from '../../kernel/roles.js';
export type { ErrorCode } from '../../kernel/errors.js';
export type { CallFailure, CallResult, MethodKind, MethodSpec } from './spec.js';
export type { MethodFacts } from './facts.js';
export type { Permission, PermissionMatrix } from '../../domain/permissions.js';
export type { CaseStatus } from '../../domain/case-state.js';
export type { EventType } from '../../domain/case-events.js';
export type { AssessmentFigures } from '../../domain/assessment.js';
export type * from '../../domain/views/center.js';
export type * from '../../domain/views/person.js';
export type * from '../../domain/views/matter.js';
export type * from '../../domain/views/duty.js';
export type * from '../../domain/views/instruction.js';
export type { ListItem, ReferenceLists } from './reference.js';
export type { VillageDto } from './villages.js';
export type { BackupEntry } from './backups.js';
export type { JobDto } from '../../domain/views/jobs.js';
export type { AttachmentFile, AttachmentLimits, UploadSlot } from './attachments.js';
export type { PersonCheck, IdReadingDto } from './persons.js';
export type * from '../../domain/views/person-history.js';
export type { RegisterResult } from './visits.js';
export type { Receipt, MatterRowDto } from './matters.js';
export type * from '../../domain/views/project.js';
export type { NoticeDto, NoticeEntry, NoticeSettings, ServiceSheetDto } from './notices.js';
export type { LoopRowDto, UnitDto, UnitLoadDto } from './units.js';
export type { Me, AuthStatus, LoginResult } from './auth.js';
export type { UserDto } from './users.js';
export type { AuditRowDto, AuditVerifyDto } from './audit.js';
export type { RevealAlerts } from '../../domain/views/audit.js';
export type { LeaderDto } from './leaders.js';
export type { TodayQueueDto } from './today.js';
export type * from '../../domain/views/queue.js';
export type * from '../../domain/views/bundles.js';
export type * from '../../domain/views/keys.js';
export type * from '../../domain/views/jobs.js';
export type * from '../../domain/views/stats.js';
export type * from '../../domain/views/county.js';
export type { SanwuCondition, WarningThresholds, FigureKind } from '../../domain/figures.js';
