import { createHmac, randomBytes } from 'node:crypto';
import type { Receipt } from '../contract/index.js';
import type { CoreContext } from '../../kernel/context.js';
import { IntakeError } from '../../kernel/errors.js';
import { addDays, localDate } from '../../domain/local-time.js';
import { getMatter, matterPersonIds } from '../../store/matters.js';
import { getPersons } from '../../store/persons.js';
import { getSetting, setSetting } from '../../store/settings.js';
import { COUNTY } from '../../store/reference-data.js';
import { DECISION_DAYS } from './registration.js';
import { systemInfo } from './system.js';

const RECEIPT_KEY = 'center.receipt_key';

/**
 * The center's receipt key, made once. It stands in for the center's signing key until the bundle
 * issue brings that key; then the check value will be derived from it.
 */
function receiptKey(ctx: CoreContext): Buffer {
  let hex = getSetting(ctx.db, RECEIPT_KEY);
  if (!hex) {
    hex = randomBytes(32).toString('hex');
    setSetting(ctx.db, RECEIPT_KEY, hex);
  }
  return Buffer.from(hex, 'hex');
}

/** 8 characters of HMAC-SHA256 over the case number: a forged receipt cannot carry a matching one. */
export function receiptCheck(ctx: CoreContext, caseNo: string): string {
  return createHmac('sha256', receiptKey(ctx)).update(caseNo).digest('hex').slice(0, 8).toUpperCase();
}

export function matterReceipt(ctx: CoreContext, input: { matterId: number }): Receipt {
  const m = getMatter(ctx.db, input.matterId);
  if (!m) throw new IntakeError('MATTER_NOT_FOUND', { field: 'matterId' });
  const info = systemInfo(ctx);
  const persons = getPersons(ctx.db, matterPersonIds(ctx.db, m.id)).map((p) => p.name);
  const check = receiptCheck(ctx, m.case_no);
  const registered = new Date(m.registered_at);
  return {
    caseNo: m.case_no,
    centerName: `${COUNTY.name}${info.township?.name ?? ''}综治维稳信访工作中心`,
    centerPhone: info.centerPhone,
    registeredAt: m.registered_at,
    decisionDue: addDays(localDate(registered), DECISION_DAYS),
    persons,
    category: m.category,
    purpose: m.purpose,
    visits: m.visits,
    check,
    qrText: `XF:${m.case_no}:${check}`,
  };
}
