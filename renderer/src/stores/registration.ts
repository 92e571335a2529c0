import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Input, MatterBrief, PersonCheck, PersonHit, ReferenceLists, RegisterResult } from '../../../core/api/contract';
import { call } from '../api';
import { errorAt as errorUnder, fieldErrorsOf, toUiError, type FieldErrors } from '../ui-error';
import { useReferenceStore } from './reference';

type RegisterInput = Input<'visits.register'>;
export type NewPersonInput = Extract<RegisterInput['participants'][number]['person'], { name: string }>;
type NewMatter = Extract<RegisterInput['matter'], { request: string }>;

export type Participant =
  | { key: number; kind: 'existing'; hit: PersonHit; representative: boolean }
  | { key: number; kind: 'new'; input: NewPersonInput; check: PersonCheck; representative: boolean };

/** A file on the form: uploading, staged in the core (stagingId), or failed (kept visible, never saved). */
export interface Attachment {
  key: number;
  fileName: string;
  mime: string;
  size: number;
  state: 'uploading' | 'staged' | 'failed';
  /** Bytes sent so far. */
  loaded: number;
  stagingId: string | null;
  error: string | null;
  /** The local file, for a thumbnail or the viewer before saving (browser mode). */
  file: File | null;
  /** Resolves when the upload has ended either way. */
  settled: Promise<void>;
  abort: () => void;
}

const emptyMatter = () => ({
  purpose: '' as NewMatter['purpose'] | '',
  category: '' as NewMatter['category'] | '',
  tags: [] as string[],
  request: '',
  facts: '',
  placeVillageId: null as number | null,
  levelSkips: {} as Record<string, string | null>,
  /** The levels of `levelSkips` where it was 非正常上访. */
  abnormalSkips: {} as Record<string, boolean>,
  // The national record's fields (匿名, 联名 with the count, 被反映人/单位, 重大紧急, 涉法涉诉, the matter repeated).
  anonymous: false,
  joint: false,
  jointCount: null as number | null,
  reportedParty: '',
  urgent: false,
  litigation: false,
  repeatOf: null as number | null,
});

const emptyVisit = () => ({
  channel: '走访',
  visitedAt: null as string | null,
  headcount: null as number | null,
  involved: null as number | null,
  /** 来信, 上级转送, 领导批示件: the day received (the 15 days run from it). */
  receivedOn: null as string | null,
  sourceBody: '',
  sourceNo: '',
});

/**
 * One registration in progress: who came, the visit, the matter (new or an existing one), files.
 * Nothing is saved until save(); on a refusal everything typed stays and errors are keyed by the
 * core's field path so each message shows next to its own box.
 */
export const useRegistrationStore = defineStore('registration', () => {
  const reference = useReferenceStore();
  const lists = computed<ReferenceLists | null>(() => reference.lists);
  const participants = ref<Participant[]>([]);
  const visit = ref(emptyVisit());
  const matter = ref(emptyMatter());
  /** null = a new matter; a number = this visit is a repeat visit on that matter. */
  const existingMatterId = ref<number | null>(null);
  /** On an answered or closed matter: only record the visit, or also take a 复查 request (where the law still allows). */
  const repeatMode = ref<'record' | 'review'>('record');
  /** Set after a save that also recorded the 复查 request (or why it could not be). */
  const reviewOutcome = ref<{ ok: boolean; message: string } | null>(null);
  const related = ref<MatterBrief[]>([]);
  const attachments = ref<Attachment[]>([]);
  const errors = ref<FieldErrors>({});
  const saving = ref(false);
  const result = ref<RegisterResult | null>(null);
  let nextKey = 1;

  const headcount = computed(() => visit.value.headcount ?? Math.max(participants.value.length, 1));
  const involved = computed(() => visit.value.involved ?? headcount.value);
  const isGroup = computed(() => headcount.value >= 5);
  const sameCategory = computed(() => related.value.filter((m) => m.category === matter.value.category));

  const loadLists = () => reference.load();

  async function refreshRelated(): Promise<void> {
    const ids = participants.value.flatMap((p) => (p.kind === 'existing' ? [p.hit.id] : []));
    if (ids.length === 0) {
      related.value = [];
      existingMatterId.value = null;
      matter.value.repeatOf = null;
      return;
    }
    const r = await call('matters.ofPersons', { personIds: ids });
    related.value = r.ok ? r.value : [];
    if (existingMatterId.value !== null && !related.value.some((m) => m.id === existingMatterId.value)) existingMatterId.value = null;
    if (matter.value.repeatOf !== null && !related.value.some((m) => m.id === matter.value.repeatOf)) matter.value.repeatOf = null;
  }

  function has(personId: number): boolean {
    return participants.value.some((p) => p.kind === 'existing' && p.hit.id === personId);
  }

  /** 问题发生地 starts as the village of the first visitor who has one; whatever the operator picks stays. */
  function placeFrom(villageId: number | null): void {
    if (villageId && matter.value.placeVillageId === null) matter.value.placeVillageId = villageId;
  }

  async function addExisting(hit: PersonHit): Promise<void> {
    if (!has(hit.id)) participants.value.push({ key: nextKey++, kind: 'existing', hit, representative: false });
    placeFrom(hit.villageId);
    await refreshRelated();
  }

  function addNew(input: NewPersonInput, check: PersonCheck): void {
    participants.value.push({ key: nextKey++, kind: 'new', input, check, representative: false });
    placeFrom(check.villageId);
  }

  async function remove(key: number): Promise<void> {
    participants.value = participants.value.filter((p) => p.key !== key);
    await refreshRelated();
  }

  function buildInput(): RegisterInput {
    const m = matter.value;
    const matterInput: RegisterInput['matter'] =
      existingMatterId.value !== null
        ? { existingId: existingMatterId.value }
        : {
            purpose: m.purpose as NewMatter['purpose'],
            category: m.category as NewMatter['category'],
            tags: m.tags as NewMatter['tags'],
            request: m.request,
            facts: m.facts,
            ...(m.placeVillageId ? { placeVillageId: m.placeVillageId } : {}),
            levelSkips: Object.entries(m.levelSkips).map(([level, visitedOn]) => ({
              level,
              ...(visitedOn ? { visitedOn } : {}),
              ...(m.abnormalSkips[level] ? { abnormal: true } : {}),
            })),
            ...(m.anonymous ? { anonymous: true } : {}),
            ...(m.joint ? { jointCount: m.jointCount ?? 0 } : {}),
            ...(m.reportedParty.trim() ? { reportedParty: m.reportedParty } : {}),
            ...(m.urgent ? { urgent: true } : {}),
            ...(m.litigation ? { litigation: true } : {}),
            ...(m.repeatOf !== null ? { repeatOf: m.repeatOf } : {}),
          };
    const v = visit.value;
    // The day received for any channel but the walk-in; the source only where the channel has one (the form shows these boxes alone).
    const received = v.channel !== '走访' && v.receivedOn !== null;
    // A repeat visit on an existing matter sends a source only when one was typed (the matter has its own).
    const sourced = v.channel in (lists.value?.sourceChannels ?? {}) && (existingMatterId.value === null || v.sourceBody.trim() !== '');
    return {
      participants: participants.value.map((p) => ({
        person: p.kind === 'existing' ? { personId: p.hit.id } : { ...p.input, confirmedNotDuplicate: true },
        representative: isGroup.value && p.representative,
      })),
      visit: {
        channel: visit.value.channel as RegisterInput['visit']['channel'],
        headcount: headcount.value,
        involved: involved.value,
        ...(visit.value.visitedAt ? { visitedAt: visit.value.visitedAt } : {}),
        ...(received && v.receivedOn ? { receivedOn: v.receivedOn } : {}),
        ...(sourced ? { source: { body: v.sourceBody, number: v.sourceNo } } : {}),
      },
      matter: matterInput,
      attachments: attachments.value.flatMap((a) => (a.stagingId ? [{ stagingId: a.stagingId }] : [])),
    };
  }

  const uploading = computed(() => attachments.value.some((a) => a.state === 'uploading'));

  async function save(): Promise<RegisterResult | null> {
    if (saving.value) return null;
    saving.value = true;
    try {
      // Saving waits for the uploads still running; a file that failed stays on the form and stops the save.
      await Promise.all(attachments.value.map((a) => a.settled));
      const failed = attachments.value.find((a) => a.state === 'failed');
      if (failed) {
        errors.value = { attachments: `附件“${failed.fileName}”未上传成功，请删除或重新添加后再保存` };
        return null;
      }
      const r = await call('visits.register', buildInput());
      if (!r.ok) {
        errors.value = fieldErrorsOf(toUiError(r));
        return null;
      }
      errors.value = {};
      reviewOutcome.value = null;
      const chosen = related.value.find((m) => m.id === existingMatterId.value);
      if (chosen && repeatMode.value === 'review' && chosen.reviewBy) {
        // The visit is saved; the 复查 request is its own step on the matter, with its own answer.
        const step = await call('matters.step', { matterId: chosen.id, type: 'review_request', data: {}, reason: '来访时提出复查申请' } as Input<'matters.step'>);
        reviewOutcome.value = step.ok ? { ok: true, message: '已记录复查申请' } : { ok: false, message: `来访已登记，但复查申请未记录：${step.message_zh}` };
      }
      result.value = r.value;
      return r.value;
    } finally {
      saving.value = false;
    }
  }

  /** Anything typed that a cancel would throw away. */
  const dirty = computed(
    () => participants.value.length > 0 || matter.value.request !== '' || matter.value.facts !== '' || attachments.value.length > 0,
  );

  /** Drops files from the form; their staged bytes in the core go too. */
  function dropAttachments(keys: number[]): void {
    const gone = attachments.value.filter((a) => keys.includes(a.key));
    for (const a of gone) a.abort();
    const ids = gone.flatMap((a) => (a.stagingId ? [a.stagingId] : []));
    if (ids.length > 0) void call('attachments.discard', { stagingIds: ids });
    attachments.value = attachments.value.filter((a) => !keys.includes(a.key));
  }

  function reset(): void {
    // After a save the staged files were taken by the registration; before one they are dropped.
    if (!result.value) dropAttachments(attachments.value.map((a) => a.key));
    participants.value = [];
    visit.value = emptyVisit();
    matter.value = emptyMatter();
    existingMatterId.value = null;
    repeatMode.value = 'record';
    reviewOutcome.value = null;
    related.value = [];
    attachments.value = [];
    errors.value = {};
    result.value = null;
  }

  /** The message for a field path, or for anything under it (e.g. a participant's row). */
  function errorAt(prefix: string): string {
    return errorUnder(errors.value, prefix);
  }

  return {
    lists, participants, visit, matter, existingMatterId, repeatMode, reviewOutcome, related, attachments, errors, saving, result,
    headcount, involved, isGroup, sameCategory, dirty, uploading,
    loadLists, addExisting, addNew, remove, save, reset, errorAt, dropAttachments,
  };
});
