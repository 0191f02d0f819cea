import { readMeta } from '../../../shared/board';
import type { ActionContext } from './action';

/**
 * The name a note written now carries: none on an anonymous board, whatever the person entered
 * (the server refuses names there). The only place the client decides it.
 */
export function authorName(ctx: Pick<ActionContext, 'doc' | 'session'>): string {
  return readMeta(ctx.doc).anonymous ? '' : ctx.session.get().name;
}
