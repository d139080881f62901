import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildSchema, execute, GraphQLError, Kind, parse, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { FaultInjector, RateWindow } from '../../src/simulator-kit/faults.js';
import { listenOnLoopback, readBody, sendJson } from '../../src/simulator-kit/server.js';
import { loadRailwaySchemaSource } from './schema-source.js';
import { createRootValue } from './simulator-resolvers.js';
import { RailwayState, SimError } from './simulator-state.js';

import { SANDBOX_RAILWAY_TOKEN } from './sandbox-seed.js';

export { seedRailwaySandbox, SANDBOX_RAILWAY_TOKEN } from './sandbox-seed.js';
export { RailwayState } from './simulator-state.js';

export const GRAPHQL_PATH = '/graphql/v2';

export interface RailwaySimulatorOptions {
  port?: number;
  token?: string;
  rateLimit?: { limit: number; windowMs: number };
  /** Time between deployment statuses (QUEUED → BUILDING → DEPLOYING → SUCCESS); 0 = instant. */
  deployStepMs?: number;
  /** Largest page a connection returns, whatever `first` asks; small values exercise paging. */
  maxPageSize?: number;
}

export interface RailwaySimulator {
  /** The full GraphQL endpoint, ending in /graphql/v2: what RAILWAY_API_URL should be. */
  url: string;
  token: string;
  faults: FaultInjector;
  state: RailwayState;
  /** Every POST to the endpoint, in order, including throttled and failed ones. */
  requests: { operationName?: string; query: string; variables?: unknown }[];
  close(): Promise<void>;
}

let cachedSchema: GraphQLSchema | undefined;
/** Building the 175 KB schema takes ~0.2 s; it is immutable, so one copy per process is enough. */
function railwaySchema(): GraphQLSchema {
  cachedSchema ??= buildSchema(loadRailwaySchemaSource());
  return cachedSchema;
}

/**
 * A Railway GraphQL v2 endpoint on loopback, following shared/platform-apis/railway.md: POST
 * /graphql/v2 only; Bearer auth (a bad token gets HTTP 200 "Not Authorized", introspection is
 * allowed anonymously); documents parsed and validated against Railway's schema (HTTP 400
 * GRAPHQL_VALIDATION_FAILED, no `data`); resolver errors as HTTP 200 with `errors` and
 * `data: null`; X-RateLimit-* headers and 429 with Retry-After.
 */
export async function startRailwaySimulator(options: RailwaySimulatorOptions = {}): Promise<RailwaySimulator> {
  const schema = railwaySchema();
  const token = options.token ?? SANDBOX_RAILWAY_TOKEN;
  const state = new RailwayState(options.deployStepMs ?? 1000);
  const faults = new FaultInjector();
  const requests: RailwaySimulator['requests'] = [];
  // Railway's documented budget is per hour; without an explicit limit, a generous one still
  // produces the headers.
  const window = new RateWindow(options.rateLimit?.limit ?? 10_000, options.rateLimit?.windowMs ?? 3_600_000);
  const rootValue = createRootValue(state, options.maxPageSize ?? 100);

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'POST' || path !== GRAPHQL_PATH) {
      sendJson(res, 404, { message: 'Not Found', requestId: randomUUID() });
      return;
    }
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(await readBody(req)) as typeof body;
    } catch {
      sendJson(res, 400, { errors: [{ message: 'POST body missing, invalid Content-Type, or JSON object has no keys.', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    const query = typeof body.query === 'string' ? body.query : '';
    let document: DocumentNode | undefined;
    try {
      document = parse(query);
    } catch {
      document = undefined;
    }
    const operationName = typeof body.operationName === 'string' ? body.operationName : operationNameOf(document);
    requests.push({ ...(operationName ? { operationName } : {}), query, variables: body.variables });

    const rate = window.hit();
    const headers = rate.headers;
    if (rate.exceeded) {
      const retryAfter = Math.max(1, rate.resetEpochSeconds - Math.floor(Date.now() / 1000));
      // The 429 body is undocumented (railway.md §9/§10); a GraphQL-style error is a guess.
      sendJson(res, 429, { errors: [{ message: 'Rate limit exceeded. Please try again later.' }] }, { ...headers, 'retry-after': String(retryAfter) });
      return;
    }

    const fault = faults.take({ method: 'POST', path: GRAPHQL_PATH, ...(operationName ? { operation: operationName } : {}) });
    if (fault?.kind === 'rate-limit') {
      sendJson(res, 429, { errors: [{ message: 'Rate limit exceeded. Please try again later.' }] }, { ...headers, 'retry-after': String(fault.retryAfterSeconds) });
      return;
    }
    if (fault?.kind === 'server-error') {
      sendJson(res, fault.status ?? 503, { errors: [{ message: 'Service Unavailable' }] }, headers);
      return;
    }
    if (fault?.kind === 'delay') await sleep(fault.ms);

    const answer = run(schema, rootValue, document, query, body.variables, operationName, req.headers['authorization'], token);
    if (fault?.kind === 'drop-response') {
      // The mutation has been applied; the client never learns it.
      res.destroy();
      return;
    }
    sendJson(res, answer.status, answer.body, headers);
  };

  const server = await listenOnLoopback(handler, options.port);
  return { url: `${server.url}${GRAPHQL_PATH}`, token, faults, state, requests, close: () => server.close() };
}

function operationNameOf(document: DocumentNode | undefined): string | undefined {
  const operations = document?.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION) ?? [];
  return operations.length === 1 ? operations[0]?.name?.value : undefined;
}

function railwayError(error: GraphQLError): Record<string, unknown> {
  return {
    message: error.message,
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
    // Railway reports even authorization failures with this code (railway.md §2).
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
    traceId: String(Math.floor(Math.random() * 9e17) + 1e17),
  };
}

function isIntrospection(document: DocumentNode): boolean {
  return document.definitions.every(
    (d) =>
      d.kind !== Kind.OPERATION_DEFINITION ||
      d.selectionSet.selections.every((s) => s.kind === Kind.FIELD && (s.name.value === '__schema' || s.name.value === '__type' || s.name.value === '__typename')),
  );
}

function run(
  schema: GraphQLSchema,
  rootValue: unknown,
  document: DocumentNode | undefined,
  query: string,
  variables: unknown,
  operationName: string | undefined,
  authorization: string | undefined,
  token: string,
): { status: number; body: unknown } {
  if (!document) {
    let message = 'Syntax Error';
    try {
      parse(query);
    } catch (error) {
      message = (error as Error).message;
    }
    return { status: 400, body: { errors: [{ message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] } };
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) {
    return {
      status: 400,
      body: { errors: invalid.map((e) => ({ message: e.message, locations: e.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) },
    };
  }
  if (authorization !== `Bearer ${token}` && !isIntrospection(document)) {
    return {
      status: 200,
      body: { errors: [railwayError(new GraphQLError('Not Authorized', { path: [rootFieldOf(document)] }))], data: null },
    };
  }
  const result = execute({
    schema,
    document,
    rootValue,
    variableValues: (variables ?? {}) as Record<string, unknown>,
    ...(operationName ? { operationName } : {}),
  });
  if (result instanceof Promise) throw new Error('resolvers are synchronous');
  if (result.errors && result.data === undefined) {
    // Variables that do not match the document: a request error, not a resolver error.
    return { status: 400, body: { errors: result.errors.map((e) => ({ message: e.message, extensions: { code: 'BAD_USER_INPUT' } })) } };
  }
  if (result.errors && result.errors.length > 0) {
    const unexpected = result.errors.find((e) => !(e.originalError instanceof SimError) && e.originalError !== undefined);
    // A simulator bug must not look like a Railway answer.
    if (unexpected) throw unexpected.originalError ?? unexpected;
    // Railway answers a failed resolver with `data: null`, whatever else succeeded (railway.md §2).
    return { status: 200, body: { errors: result.errors.map(railwayError), data: null } };
  }
  return { status: 200, body: { data: result.data } };
}

function rootFieldOf(document: DocumentNode): string {
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const first = operation?.selectionSet.selections[0];
  return first?.kind === Kind.FIELD ? first.name.value : 'query';
}
