import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { firstIssue, type ErrorSchema, type Route } from '../../shared/api/contract';

type BodyOf<R extends Route> = R['body'] extends z.ZodType ? z.infer<R['body']> : undefined;
type ParamsOf<R extends Route> = R['params'] extends z.ZodType ? z.infer<R['params']> : Record<string, never>;
type AnswerOf<R extends Route> = R['response'] extends z.ZodType ? z.input<R['response']> : void;

export type ContractRequest<R extends Route> = Omit<FastifyRequest, 'params' | 'body'> & { params: ParamsOf<R>; body: BodyOf<R> };

/** Validates every route's params and body with its zod schema, and writes answers through theirs. */
export function useContract(app: FastifyInstance): void {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // A body left out altogether means "all defaults", as a route's schema reads `{}`.
  app.addHook('preValidation', async (req) => {
    if (req.body === undefined && req.routeOptions.schema?.body) req.body = {};
  });
}

/** A 400 answer for a request its route's schema refused, or null for any other error. */
export function validationAnswer(err: unknown): z.infer<typeof ErrorSchema> | null {
  if (!hasZodFastifySchemaValidationErrors(err)) return null;
  return firstIssue(err.validation.map((v) => ({ path: v.instancePath.split('/').filter(Boolean), message: v.message ?? 'invalid' })));
}

/** Serves one route of the contract: its method, path, schemas and status come from shared/api. */
export function serve<R extends Route>(
  app: FastifyInstance,
  route: R,
  handler: (req: ContractRequest<R>, reply: FastifyReply) => Promise<AnswerOf<R>>,
  options: Omit<RouteShorthandOptions, 'schema'> = {},
): void {
  app.route({
    ...options,
    method: route.method,
    url: route.path,
    schema: {
      ...(route.params ? { params: route.params } : {}),
      ...(route.body ? { body: route.body } : {}),
      ...(route.response ? { response: { [route.status]: route.response } } : {}),
    },
    handler: async (req, reply) => {
      reply.code(route.status);
      const answer = await handler(req as unknown as ContractRequest<R>, reply);
      return route.status === 204 ? reply.send() : answer;
    },
  });
}
