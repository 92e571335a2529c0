import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { MethodFacts, MethodName, PermissionMatrix, Permission } from '../../../core/api/contract';
import { call } from '../api';
import { useAuthStore } from './auth';

/**
 * What this desk's user may do, as the core's contract says it (`system.capabilities`: each method's
 * roles, label and text limits) and the center's permission matrix (`system.permissions`). Menus,
 * tabs and buttons ask `can()` / `allowed()`; text boxes ask `limit()`. No list of roles is kept here.
 */
export const useCapabilitiesStore = defineStore('capabilities', () => {
  const methods = ref<Partial<Record<MethodName, MethodFacts>>>({});
  const matrix = ref<PermissionMatrix | null>(null);
  const loaded = ref(false);
  const auth = useAuthStore();
  const role = computed(() => auth.me?.role ?? null);

  async function load(): Promise<void> {
    const r = await call('system.capabilities', {});
    if (r.ok) methods.value = r.value as Partial<Record<MethodName, MethodFacts>>;
    loaded.value = r.ok;
  }

  /** After sign-in: the center may have changed who records steps, approves extensions, corrects. */
  async function loadPermissions(): Promise<void> {
    const r = await call('system.permissions', {});
    matrix.value = r.ok ? r.value : null;
  }

  /** The signed-in user's role may call this method (the core would refuse it otherwise). */
  function can(method: MethodName): boolean {
    const r = role.value;
    return r !== null && (methods.value[method]?.roles ?? []).includes(r);
  }

  /** The sensitive part inside a method the center's matrix gives this role (core/domain/permissions.ts). */
  function allowed(p: Permission): boolean {
    const r = role.value;
    return r !== null && (matrix.value?.[p] ?? []).includes(r);
  }

  /** The longest text the contract takes for one input field (`matter.request` of `visits.register`). */
  function limit(method: MethodName, field: string): number | undefined {
    return methods.value[method]?.limits[field];
  }

  const label = (method: MethodName): string => methods.value[method]?.label ?? '';

  /** A county workstation: its host lists the county's methods; a township desk never does. */
  const isCounty = computed(() => methods.value['county.standing'] !== undefined);

  return { methods, matrix, loaded, load, loadPermissions, can, allowed, limit, label, isCounty };
});
