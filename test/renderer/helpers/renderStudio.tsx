/**
 * Renders a component inside a StudioProvider whose store holds the given data. The actions are
 * real, over an API that refuses every call (as when the service is unreachable): these tests
 * look at rendering only, never at HTTP.
 */
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { StudioApi } from '../../../src/shared/contract.js';
import { ApiCallError } from '../../../src/renderer/api/ApiCallError.js';
import { createActions } from '../../../src/renderer/store/actions.js';
import { StudioProvider } from '../../../src/renderer/store/context.js';
import { createStudioStore, type StudioStore } from '../../../src/renderer/store/studioStore.js';
import type { StudioData } from '../../../src/renderer/store/types.js';

const unreachableApi = new Proxy({} as StudioApi, {
  get: (_target, name) => () =>
    Promise.reject(
      new ApiCallError({ code: 'DISCONNECTED', message: `no Studio service in this test (${String(name)})`, hint: '' }),
    ),
});

export function renderStudio(ui: ReactElement, initial: Partial<StudioData> = {}): StudioStore & { unmount(): void } {
  const store = createStudioStore({ initial: { loaded: true, ...initial } });
  const actions = createActions(unreachableApi, store, async () => {});
  const { unmount } = render(
    <StudioProvider store={store} actions={actions}>
      {ui}
    </StudioProvider>,
  );
  return Object.assign(store, { unmount });
}
