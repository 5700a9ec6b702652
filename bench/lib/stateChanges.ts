/**
 * The state-change benchmark's two halves outside the page: start/stop toggles sent to the
 * Studio's service API at a steady rate (from this process, as another client would), and what
 * the page recorded meanwhile, turned into figures.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from './stats.js';
import type { StudioApiClient } from './studioApi.js';
import type { StateAt, WatchRecord } from './studioPage.js';

export interface Toggle {
  id: string;
  target: 'stopped' | 'started';
  /** Wall-clock ms when the request was sent and when it was answered. */
  sentMs: number;
  doneMs: number;
  error?: string;
}

const wallNow = (): number => performance.timeOrigin + performance.now();

/**
 * `perSecond` toggles per second for `seconds`, round the `ids` (each one stopped, then started
 * on its next turn, ...), sent on schedule without waiting for earlier answers.
 */
export async function driveToggles(
  api: StudioApiClient,
  ids: readonly string[],
  perSecond: number,
  seconds: number,
): Promise<Toggle[]> {
  const total = Math.round(perSecond * seconds);
  const startMs = wallNow();
  const toggles: Toggle[] = [];
  const answers: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const wait = startMs + (i * 1000) / perSecond - wallNow();
    if (wait > 0) await sleep(wait);
    const id = ids[i % ids.length] as string;
    const target = Math.floor(i / ids.length) % 2 === 0 ? 'stopped' : 'started';
    const toggle: Toggle = { id, target, sentMs: wallNow(), doneMs: NaN };
    toggles.push(toggle);
    answers.push(
      api.call(target === 'stopped' ? 'stopPlugin' : 'startPlugin', { id }).then(
        () => void (toggle.doneMs = wallNow()),
        (err: unknown) => {
          toggle.doneMs = wallNow();
          toggle.error = err instanceof Error ? err.message : String(err);
        },
      ),
    );
  }
  await Promise.all(answers);
  return toggles;
}

export interface PageClock {
  /** The page's wall clock minus ours, and how far off that may be. */
  offsetMs: number;
  errorMs: number;
  /** The page's performance.timeOrigin (wall-clock ms). */
  pageOriginMs: number;
}

/**
 * Figures of one run. Lag: from the toggle's request being sent to the first frame showing the
 * row in the new state (rows the virtualised list had rendered only); `arrival`: to the event
 * reaching the page. Each toggle is two registry events (stopping then stopped, or starting then
 * started); the service's batching keeps only the newest per plugin per batch: `coalesced`.
 * `missed`: a rendered row's change never painted; `final_mismatch`: plugins whose state in the
 * page (events received, rows painted) differs from the service's at the end.
 */
export function stateChangeFigures(
  toggles: readonly Toggle[],
  watch: WatchRecord,
  clock: PageClock,
  finalStates: ReadonlyMap<string, string>,
): Record<string, number> {
  const toPage = (wallMs: number): number => wallMs + clock.offsetMs - clock.pageOriginMs;
  const transitions = byId(watch.transitions);
  const arrivals = byId(watch.arrivals);
  const rendered = new Set(watch.rendered);
  const lags: number[] = [];
  const arrivalLags: number[] = [];
  let missed = 0;
  for (const toggle of toggles) {
    if (toggle.error !== undefined) continue;
    const sent = toPage(toggle.sentMs) - clock.errorMs;
    const firstAfter = (list: StateAt[] | undefined): number | undefined =>
      list?.find(([, state, at]) => state === toggle.target && at >= sent)?.[2];
    const arrived = firstAfter(arrivals.get(toggle.id));
    if (arrived !== undefined) arrivalLags.push(arrived - sent);
    if (!rendered.has(toggle.id)) continue;
    const shown = firstAfter(transitions.get(toggle.id));
    if (shown === undefined) missed += 1;
    else lags.push(shown - sent);
  }
  const toggled = new Set(toggles.map((t) => t.id));
  let mismatched = 0;
  for (const id of toggled) {
    const last = (list: StateAt[] | undefined): string | undefined => list?.at(-1)?.[1];
    const received = last(arrivals.get(id)) ?? 'started';
    const painted = rendered.has(id) ? (last(transitions.get(id)) ?? 'started') : received;
    const final = finalStates.get(id);
    if (received !== final || painted !== final) mismatched += 1;
  }
  const ok = toggles.filter((t) => t.error === undefined);
  const received = [...toggled].reduce((sum, id) => sum + (arrivals.get(id)?.length ?? 0), 0);
  const sentSpanS = ((toggles.at(-1)?.sentMs ?? 0) - (toggles[0]?.sentMs ?? 0)) / 1000;
  const sorted = (values: number[]): number[] => [...values].sort((a, b) => a - b);
  const pct = (values: number[], q: number): number =>
    values.length === 0 ? NaN : percentile(sorted(values), q);
  return {
    changes: toggles.length,
    rate_per_s: sentSpanS > 0 ? (toggles.length - 1) / sentSpanS : NaN,
    api_errors: toggles.length - ok.length,
    api_p50_ms: pct(
      ok.map((t) => t.doneMs - t.sentMs),
      0.5,
    ),
    lag_p50_ms: pct(lags, 0.5),
    lag_p95_ms: pct(lags, 0.95),
    lag_max_ms: pct(lags, 1),
    lag_samples: lags.length,
    arrival_p50_ms: pct(arrivalLags, 0.5),
    arrival_p95_ms: pct(arrivalLags, 0.95),
    events_expected: 2 * ok.length,
    events_received: received,
    coalesced: 2 * ok.length - received,
    batches: watch.batches,
    missed,
    final_mismatch: mismatched,
  };
}

function byId(states: readonly StateAt[]): Map<string, StateAt[]> {
  const map = new Map<string, StateAt[]>();
  for (const entry of states) {
    const list = map.get(entry[0]);
    if (list) list.push(entry);
    else map.set(entry[0], [entry]);
  }
  return map;
}
