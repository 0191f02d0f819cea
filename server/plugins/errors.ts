import type { FastifyReply } from 'fastify';

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

export function sendError(reply: FastifyReply, err: HttpError): FastifyReply {
  return reply.code(err.statusCode).send({ error: err.message, ...(err.field ? { field: err.field } : {}) });
}
