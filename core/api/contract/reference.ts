import { z } from 'zod';
import { ANYONE } from './spec.js';
import { method, type Namespace } from './spec.js';

/** A pickable value with its pinyin initials. */
export interface ListItem {
  value: string;
  initials: string;
}
export interface ReferenceLists {
  channels: readonly string[];
  /** Channels whose matter is registered as of the day received (来信, 上级转送, 领导批示件): the form asks for that day. */
  receivedChannels: readonly string[];
  /** Channels that come from a body with its number, and what the form calls the two boxes. */
  sourceChannels: Readonly<Record<string, { body: string; no: string }>>;
  purposes: ListItem[];
  categories: ListItem[];
  /** quick tag → the category it suggests */
  quickTags: Readonly<Record<string, string>>;
  skipLevels: Readonly<Record<string, string>>;
  /** Where a matter that is not accepted should go instead (诉访分离). */
  redirects: Readonly<Record<string, string>>;
  evaluations: readonly string[];
  /** The two ratings' scale (满意 / 基本满意 / 不满意), how an evaluation is given, how a 回访 is made. */
  ratings: readonly string[];
  evaluationMeans: readonly string[];
  followUpMeans: readonly string[];
  causeTypes: readonly string[];
  assignKinds: readonly string[];
  /** A matter's handling states with their Chinese names (core/domain/case-state.ts), for filters. */
  states: { value: string; label: string }[];
}

/** The `reference.*` methods. */
export const referenceMethods = {
  'reference.lists': method<ReferenceLists>()({ input: z.object({}).strict(), roles: ANYONE, label: '读取参考列表', kind: 'read' }),
} satisfies Namespace<'reference'>;
