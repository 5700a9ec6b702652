import { describe, expect, it } from 'vitest';
import type { ProblemFile } from '../../src/shared/contract.js';
import { createStudioStore } from '../../src/renderer/store/studioStore.js';

const bad: ProblemFile = { path: '/p/bad.pconf', fileName: 'bad.pconf', kind: 'invalid', reason: 'not JSON at line 1' };

describe('a problem file reported again', () => {
  it('is logged once while its fault stays the same, and again when the fault changes', () => {
    const store = createStudioStore({ now: () => 5 });
    store.getState().applyBatch([{ type: 'problem', problem: bad }]);
    store.getState().applyBatch([{ type: 'problem', problem: { ...bad } }, { type: 'problem', problem: bad }]);
    const changed = { ...bad, reason: 'Sock is required' };
    store.getState().applyBatch([{ type: 'problem', problem: changed }]);

    const s = store.getState();
    expect(s.activity.map((a) => a.message)).toEqual(['not JSON at line 1', 'Sock is required']);
    expect(s.problems['/p/bad.pconf']).toEqual(changed);
  });
});
