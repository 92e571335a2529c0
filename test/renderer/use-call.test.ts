// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { ref } from 'vue';
import type { CallResult, PersonHistoryDto, VillageDto } from '../../core/api/contract';
import { useAction, useCall } from '../../renderer/src/composables/use-call';
import { deferred, fail, installBridge, ok, settle, withSetup } from './fake-bridge';

const village = (id: number, name: string) => ({ id, name }) as VillageDto;

afterEach(() => delete window.intake);

describe('useCall', () => {
  it('is busy while the call is in flight and holds the data after', async () => {
    const answer = deferred<CallResult<VillageDto[]>>();
    installBridge({ 'villages.list': () => answer.promise });
    const { result } = withSetup(() => useCall('villages.list', {}));
    expect(result.busy.value).toBe(true);
    expect(result.data.value).toBeNull();
    answer.resolve(ok([village(1, '东村')]));
    await settle();
    expect(result.busy.value).toBe(false);
    expect(result.data.value).toEqual([village(1, '东村')]);
    expect(result.error.value).toBeNull();
  });

  it('does not call before immediate, and refresh() calls', async () => {
    const bridge = installBridge({ 'villages.list': () => ok([village(2, '西村')]) });
    const { result } = withSetup(() => useCall('villages.list', {}, { immediate: false }));
    await settle();
    expect(bridge.calls).toHaveLength(0);
    expect(await result.refresh()).toEqual([village(2, '西村')]);
    expect(result.data.value).toEqual([village(2, '西村')]);
  });

  it('turns a refusal into one UiError, field errors keyed by its field', async () => {
    installBridge({ 'villages.list': () => fail('TOWNSHIP_UNKNOWN', '没有这个乡镇', { field: 'township' }) });
    const { result } = withSetup(() => useCall('villages.list', { township: 'ZZ' }));
    await settle();
    expect(result.error.value).toEqual({ code: 'TOWNSHIP_UNKNOWN', message: '没有这个乡镇', field: 'township' });
    expect(result.fieldErrors.value).toEqual({ township: '没有这个乡镇' });
    expect(result.data.value).toBeNull();
  });

  it('asks again when the input changes, and only the latest answer lands', async () => {
    const slow = deferred<CallResult<PersonHistoryDto>>();
    const bridge = installBridge({
      'persons.history': ({ personId }) => (personId === 1 ? slow.promise : ok({ person: { id: 2 } } as PersonHistoryDto)),
    });
    const personId = ref<number | null>(null);
    const { result } = withSetup(() => useCall('persons.history', () => (personId.value === null ? null : { personId: personId.value })));
    await settle();
    expect(bridge.calls).toHaveLength(0); // null: nothing to ask yet
    personId.value = 1;
    await settle();
    personId.value = 2;
    await settle();
    slow.resolve(ok({ person: { id: 1 } } as PersonHistoryDto));
    await settle();
    expect(bridge.inputsOf('persons.history')).toEqual([{ personId: 1 }, { personId: 2 }]);
    expect(result.data.value?.person.id).toBe(2);
    expect(result.busy.value).toBe(false);
  });
});

describe('useAction', () => {
  it('exposes the field error of a refusal that names a field, and clears it on success', async () => {
    let refuse = true;
    installBridge({
      'villages.add': () => (refuse ? fail('VILLAGE_NAME_TOO_LONG', '村名太长', { field: 'name' }) : ok(village(3, '南村'))),
    });
    const { result } = withSetup(() => useAction('villages.add'));
    expect(await result.run({ name: '很长的名字' })).toBeNull();
    expect(result.fieldErrors.value).toEqual({ name: '村名太长' });
    expect(result.error.value?.code).toBe('VILLAGE_NAME_TOO_LONG');
    refuse = false;
    expect(await result.run({ name: '南村' })).toEqual(village(3, '南村'));
    expect(result.fieldErrors.value).toEqual({});
    expect(result.error.value).toBeNull();
  });

  it('puts a refusal without a field under "_" and keeps the incident', async () => {
    installBridge({ 'villages.add': () => fail('INTERNAL', '内部错误（事件编号 ab12cd34）', { incident: 'ab12cd34' }) });
    const { result } = withSetup(() => useAction('villages.add'));
    await result.run({ name: '北村' });
    expect(result.fieldErrors.value).toEqual({ _: '内部错误（事件编号 ab12cd34）' });
    expect(result.error.value?.incident).toBe('ab12cd34');
  });

  it('is busy while running and ignores a second run meanwhile', async () => {
    const answer = deferred<CallResult<VillageDto>>();
    const bridge = installBridge({ 'villages.add': () => answer.promise });
    const { result } = withSetup(() => useAction('villages.add'));
    const first = result.run({ name: '东村' });
    expect(result.busy.value).toBe(true);
    expect(await result.run({ name: '东村' })).toBeNull();
    answer.resolve(ok(village(4, '东村')));
    expect(await first).toEqual(village(4, '东村'));
    expect(result.busy.value).toBe(false);
    expect(bridge.calls).toHaveLength(1);
  });
});
