import { createContext, useCallback, useContext, useLayoutEffect, useRef } from 'react';
import { dispatch, type Action, type ActionContext } from './action';

/** Runs an action in the screen's current context: what components call instead of writing the doc. */
export type Dispatch = <Args, Result>(action: Action<Args, Result>, ...args: Args extends void ? [] : [Args]) => Result | undefined;

const DispatchContext = createContext<Dispatch | null>(null);

export const ActionsProvider = DispatchContext.Provider;

/** The dispatch of the board screen around this component (BoardPage or PhonePage provides it). */
export function useDispatch(): Dispatch {
  const d = useContext(DispatchContext);
  if (!d) throw new Error('useDispatch outside an ActionsProvider');
  return d;
}

/**
 * A dispatch that stays the same function for the screen's life and always runs with the context of the
 * latest render (null until the board's doc is there: then nothing runs).
 */
export function useActionDispatch(context: ActionContext | null): Dispatch {
  const latest = useRef(context);
  useLayoutEffect(() => {
    latest.current = context;
  });
  return useCallback(
    (<Args, Result>(action: Action<Args, Result>, ...args: [Args?]) => {
      const ctx = latest.current;
      return ctx ? dispatch(ctx, action, args[0] as Args) : undefined;
    }) as Dispatch,
    [],
  );
}
