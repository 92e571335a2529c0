// The audit screen reads the contract's labels and the error catalogue's Chinese through the core:
// no list of labels is kept in the renderer.
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { testCore } from '../../helpers/core.js';

describe('audit.list', () => {
  it('names each action and outcome in Chinese from the contract and the error catalogue', () => {
    const core = testCore({ township: 'ZMQ' });
    core.call(LOCAL_SESSION, 'villages.add', { name: '甲村' });
    core.call(LOCAL_SESSION, 'villages.add', { name: '甲村' }); // refused: duplicate
    const r = core.call(LOCAL_SESSION, 'audit.list', {});
    if (!r.ok) throw new Error(r.code);
    const rows = r.value.filter((x) => x.action === 'villages.add');
    expect(rows.map((x) => [x.actionLabel, x.outcome, x.outcomeLabel])).toEqual(
      expect.arrayContaining([
        ['新增村（社区）', 'ok', '成功'],
        ['新增村（社区）', 'VILLAGE_DUPLICATE', '本乡镇已有同名的村（社区）'],
      ]),
    );
  });
});
