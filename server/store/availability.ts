import { StoreUnavailableError, UnknownSeriesError, type Store } from './store';

/**
 * The store as the app sees it: a failed read or write of any engine (PostgreSQL stopped, a SQLite file
 * locked or its disk full) comes out as StoreUnavailableError, which the API answers with 503 and the
 * rooms ride out from memory. The cause stays attached for the log.
 */
export function reportingUnavailable(store: Store): Store {
  const wrapped: Record<string, unknown> = { kind: store.kind, close: () => store.close() };
  for (const name of STORE_CALLS) {
    const call = store[name] as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = (...args: unknown[]) =>
      call.apply(store, args).catch((err: unknown) => {
        // An unknown series is the caller's mistake, not an outage.
        throw err instanceof StoreUnavailableError || err instanceof UnknownSeriesError ? err : new StoreUnavailableError(`${store.kind} store: ${name} failed`, { cause: err });
      });
  }
  return wrapped as unknown as Store;
}

const STORE_CALLS = [
  'createBoard',
  'getBoard',
  'listBoards',
  'updateBoard',
  'deleteBoard',
  'appendUpdate',
  'loadLog',
  'compact',
  'saveSnapshot',
  'listSnapshots',
  'getSnapshot',
  'appendAudit',
  'listAudit',
  'setAccess',
  'getAccess',
  'touchBoard',
  'extendBoard',
  'boardActivity',
  'untouchedSince',
  'saveSurveyAnswers',
  'listSurveyAnswers',
  'clearSurveyAnswers',
  'createSeries',
  'getSeries',
  'listSeries',
  'seriesBoards',
  'mergePrivate',
  'loadPrivate',
  'listPrivate',
] as const satisfies readonly Exclude<keyof Store, 'kind' | 'close'>[];

// A Store method missing above would reach the app unwrapped, or not at all: make that a type error.
type Unwrapped = Exclude<Exclude<keyof Store, 'kind' | 'close'>, (typeof STORE_CALLS)[number]>;
const everyCallWrapped: [Unwrapped] extends [never] ? true : Unwrapped = true;
void everyCallWrapped;
