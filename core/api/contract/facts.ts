/**
 * What the renderer needs to know of the contract at run time, read off the contract itself so no copy
 * is kept anywhere: who may call each method (the frame hides what a role cannot use), its Chinese
 * label (the audit screen's filter), and the longest text each input field takes (every box shows its
 * limit and refuses a paste past it). Served by `system.capabilities`.
 */
import type { z } from 'zod';
import type { Role } from '../../kernel/roles.js';
import type { MethodKind, MethodSpec } from './spec.js';

export interface MethodFacts {
  roles: Role[];
  label: string;
  kind: MethodKind;
  /**
   * Longest text per input field, by dotted path without array indexes (`matter.request`,
   * `participants.person.name`, `data.unit`). Where the options of a union disagree the smaller wins:
   * the box never lets through what one of them refuses.
   */
  limits: Record<string, number>;
}

/** Zod's own description of a schema (zod 4 keeps it on `_zod.def`). */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  checks?: { _zod: { def: { check: string; maximum?: number } } }[];
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function put(out: Record<string, number>, path: string, max: number): void {
  out[path] = out[path] === undefined ? max : Math.min(out[path], max);
}

/** Every string field's maximum length, walking objects, arrays, unions and wrappers. */
export function textLimits(schema: z.ZodType, path = '', out: Record<string, number> = {}): Record<string, number> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string': {
      const max = (def.checks ?? []).map((c) => c._zod.def).filter((c) => c.check === 'max_length' && typeof c.maximum === 'number');
      if (max.length && path) put(out, path, Math.min(...max.map((c) => c.maximum!)));
      break;
    }
    case 'object':
      for (const [key, child] of Object.entries(def.shape ?? {})) textLimits(child, path ? `${path}.${key}` : key, out);
      break;
    case 'array':
      if (def.element) textLimits(def.element, path, out);
      break;
    case 'union':
      for (const o of def.options ?? []) textLimits(o, path, out);
      break;
    case 'pipe':
      if (def.in) textLimits(def.in, path, out);
      break;
    default:
      // optional, nullable, default, prefault, readonly, catch …: the same field, one wrapper down.
      if (def.innerType) textLimits(def.innerType, path, out);
  }
  return out;
}

export function methodFacts(contract: Record<string, MethodSpec<z.ZodType, unknown>>): Record<string, MethodFacts> {
  return Object.fromEntries(
    Object.entries(contract).map(([name, spec]) => [name, { roles: [...spec.roles], label: spec.label, kind: spec.kind, limits: textLimits(spec.input) }]),
  );
}
