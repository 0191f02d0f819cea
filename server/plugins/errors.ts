import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

/** Every error the API sends has one shape: `{error, field?}`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Parses input with a zod schema; a failure is a 400 naming the first bad field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  const message = issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'invalid input';
  throw new HttpError(400, message, field);
}

export function sendError(reply: FastifyReply, err: HttpError): FastifyReply {
  return reply.code(err.statusCode).send({ error: err.message, ...(err.field ? { field: err.field } : {}) });
}
