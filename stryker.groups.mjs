// The module groups of mutation testing (stryker.config.mjs, scripts/mutate.mjs): one Stryker run each.

/** The rules that must never break, by module group: what each group mutates. */
export const GROUPS = {
  // ID check characters, legal periods and working days, Beijing days, masking, case numbers, file
  // names, fingerprints, the permission matrix, the password policy, and the case-state fold
  domain: [
    'core/domain/{idcard,deadlines,local-time,masking,phone,case-number,file-name,fingerprint,permissions,password-policy,case-state}.ts',
  ],
  // the county's bundle rules (paths, chain, times, audit continuity), the envelope (DSSE, key ids,
  // signatures) and the container's frame
  bundle: ['core/domain/bundle-rules.ts', 'core/bundle/{dsse,suites,container}.ts'],
  // the county's verification and import of a bundle, and the statement and manifest schemas (about 1,100
  // mutants: several hours on a 2-core machine, so a group of its own)
  'bundle-check': ['core/bundle/{check,import,manifest}.ts'],
  // the audit trail: the chain, its signed checkpoints and the check of both
  audit: ['core/store/audit.ts', 'core/bundle/audit-checkpoint.ts', 'core/services/audit-checkpoints.ts'],
  // the dispatcher's role, session and audit checks; sessions (idle lock, lifetimes)
  dispatch: ['core/api/dispatch.ts', 'core/kernel/session.ts'],
  // the registration transaction: repeat and group rules, attachments, and their durable writes
  registration: ['core/api/handlers/visits.ts', 'core/store/attachments.ts'],
  // the renderer's registration store (same-category detection, group representatives)
  renderer: ['renderer/src/stores/registration.ts'],
};
