import type { HandlersOf } from '../handler.js';
import { nameInitials } from '../../domain/pinyin.js';
import { ASSIGN_KINDS, CAUSE_TYPES, EVALUATIONS, REDIRECTS } from '../../domain/case-events.js';
import { CATEGORIES, CHANNELS, PURPOSES, QUICK_TAGS, RECEIVED_CHANNELS, SKIP_LEVELS, SOURCE_CHANNELS } from '../../domain/categories.js';
import { CASE_STATES, STATE_LABELS } from '../../domain/case-state.js';
import { EVALUATION_MEANS, FOLLOW_UP_MEANS, RATINGS } from '../../domain/evaluation.js';

const listItem = (value: string) => ({ value, initials: nameInitials(value) });

export const referenceHandlers: HandlersOf<'reference'> = {
  'reference.lists': () => ({
    channels: CHANNELS,
    receivedChannels: RECEIVED_CHANNELS,
    sourceChannels: SOURCE_CHANNELS,
    purposes: PURPOSES.map(listItem),
    categories: CATEGORIES.map(listItem),
    quickTags: QUICK_TAGS,
    skipLevels: SKIP_LEVELS,
    redirects: REDIRECTS,
    evaluations: EVALUATIONS,
    ratings: RATINGS,
    evaluationMeans: EVALUATION_MEANS,
    followUpMeans: FOLLOW_UP_MEANS,
    causeTypes: CAUSE_TYPES,
    assignKinds: ASSIGN_KINDS,
    states: CASE_STATES.map((value) => ({ value, label: STATE_LABELS[value] })),
  }),
};
