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

export interface Attachment {
  fileName: string;
  mime: string;
  size: number;
  dataBase64: string;
}

const emptyMatter = () => ({
  purpose: '' as NewMatter['purpose'] | '',
  category: '' as NewMatter['category'] | '',
  tags: [] as string[],
  request: '',
  facts: '',
  placeVillageId: null as number | null,
  levelSkips: {} as Record<string, string | null>,
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
  const visit = ref({ channel: '走访', visitedAt: null as string | null, headcount: null as number | null, involved: null as number | null });
  const matter = ref(emptyMatter());
  /** null = a new matter; a number = this visit is a repeat visit on that matter. */
  const existingMatterId = ref<number | null>(null);
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
      return;
    }
    const r = await call('matters.ofPersons', { personIds: ids });
    related.value = r.ok ? r.value : [];
    if (existingMatterId.value !== null && !related.value.some((m) => m.id === existingMatterId.value)) existingMatterId.value = null;
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
            levelSkips: Object.entries(m.levelSkips).map(([level, visitedOn]) => ({ level, ...(visitedOn ? { visitedOn } : {}) })),
          };
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
      },
      matter: matterInput,
      attachments: attachments.value.map(({ fileName, mime, dataBase64 }) => ({ fileName, mime, dataBase64 })),
    };
  }

  async function save(): Promise<RegisterResult | null> {
    if (saving.value) return null;
    saving.value = true;
    try {
      const r = await call('visits.register', buildInput());
      if (!r.ok) {
        errors.value = fieldErrorsOf(toUiError(r));
        return null;
      }
      errors.value = {};
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

  function reset(): void {
    participants.value = [];
    visit.value = { channel: '走访', visitedAt: null, headcount: null, involved: null };
    matter.value = emptyMatter();
    existingMatterId.value = null;
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
    lists, participants, visit, matter, existingMatterId, related, attachments, errors, saving, result,
    headcount, involved, isGroup, sameCategory, dirty,
    loadLists, addExisting, addNew, remove, save, reset, errorAt,
  };
});
