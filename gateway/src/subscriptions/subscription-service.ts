// The gateway's subscriptions, whatever the transport: connection caps per address and per user, the access
// token of each connection, the checks of every subscription (subscription-checks.ts), federated execution
// (federated-subscription.ts), one error formatter for every event, and shutdown. The WebSocket and SSE
// transports only translate their protocols to this.
import type { ServiceMap } from '@apollo/gateway';
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { AccessTokenVerifier, ServiceKeys } from '@supergraph/auth';
import { RateLimited, ServiceUnavailable } from '@supergraph/errors';
import type { Logger } from '@supergraph/runtime';
import type { AuthorityFeed } from '../authority-feed';
import { verifyAuthorization } from '../context';
import type { GatewayFeature } from '../features/feature';
import { startFederatedSubscription } from './federated-subscription';
import { createSharedSubscriptions } from './shared-subscriptions';
import type { SubgraphSubscriptions } from './subgraph-subscriptions';
import {
  CloseCode,
  SubscriberConnection,
  type ConnectionEnd,
  type ConnectionOptions,
  type ConnectionServices,
} from './subscriber-connection';
import { createSubscriptionChecks } from './subscription-checks';
import type { SubscriptionMetrics } from './subscription-metrics';
import type { SubscriptionPlanner } from './subscription-planner';

export interface SubscriptionLimits {
  maxSubscriptionsPerConnection: number;
  /** Open connections (WebSockets and SSE streams together) per signed-in user. */
  maxConnectionsPerUser: number;
  /** Open connections per client IP address, signed in or not. */
  maxConnectionsPerAddress: number;
  /** A client this many events behind on one subscription is disconnected. */
  maxPendingEvents: number;
  /** Keep-alive pings to clients and to subgraphs, this often. */
  keepAliveMs: number;
  /** How long a connection that is ending (shutdown, token expiry) waits for its last events to be sent. */
  flushTimeoutMs: number;
}

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  maxSubscriptionsPerConnection: 20,
  maxConnectionsPerUser: 10,
  maxConnectionsPerAddress: 100,
  maxPendingEvents: 100,
  keepAliveMs: 12_000,
  flushTimeoutMs: 5_000,
};

export interface SubscriptionService {
  /** A new connection from `address`; throws RATE_LIMITED when the address has too many open already. */
  open(options: ConnectionOptions): SubscriberConnection;
  /** Shutdown: completes every subscription once its in-flight events are sent, then ends every connection 1001. */
  drain(): Promise<void>;
}

export interface SubscriptionServiceOptions {
  planner: SubscriptionPlanner;
  upstream: SubgraphSubscriptions;
  dataSources: () => ServiceMap;
  subgraphUrl: (name: string) => string | undefined;
  /** The gateway's features: their checks apply to subscriptions as to HTTP requests. */
  features: GatewayFeature[];
  /** The gateway's one error formatter (what Apollo Server's formatError is). */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  verifier: AccessTokenVerifier;
  authority: AuthorityFeed;
  keys: ServiceKeys;
  logger: Logger;
  production: boolean;
  limits: SubscriptionLimits;
  metrics: SubscriptionMetrics;
}

/** The close code and reason for a refused connection: 4401 for a bad token, 4429 over a cap. */
export function connectionEndFor(error: unknown): ConnectionEnd {
  if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED')
    return { code: CloseCode.Unauthorized, reason: error.message };
  if (error instanceof GraphQLError && error.extensions.code === 'RATE_LIMITED')
    return { code: CloseCode.TooManyConnections, reason: error.message };
  return { code: CloseCode.InternalError, reason: 'Internal error' };
}

/** An error already through the gateway's formatter: it serialises as the client may see it. */
class FormattedError extends GraphQLError {
  constructor(private readonly formatted: GraphQLFormattedError) {
    super(formatted.message, { ...(formatted.extensions && { extensions: formatted.extensions }) });
  }
  override toJSON(): GraphQLFormattedError {
    return this.formatted;
  }
}

/** Open connections per key, up to a cap. */
class Tally {
  private readonly counts = new Map<string, number>();
  constructor(private readonly max: number) {}
  take(key: string): boolean {
    const count = this.counts.get(key) ?? 0;
    if (count >= this.max) return false;
    this.counts.set(key, count + 1);
    return true;
  }
  give(key: string): void {
    const count = (this.counts.get(key) ?? 1) - 1;
    if (count > 0) this.counts.set(key, count);
    else this.counts.delete(key);
  }
}

const AUTHORITY_RECHECK_MS = 5_000;

const tooManyConnections = (who: 'address' | 'user') =>
  new RateLimited(5, `Too many open subscription connections for this ${who}`, { http: true });

export function createSubscriptionService(options: SubscriptionServiceOptions): SubscriptionService {
  const { limits, features, metrics, logger } = options;
  const byAddress = new Tally(limits.maxConnectionsPerAddress);
  const byUser = new Tally(limits.maxConnectionsPerUser);
  const connections = new Set<SubscriberConnection>();
  const shared = createSharedSubscriptions();
  const checks = createSubscriptionChecks({ features, planner: options.planner, production: options.production });
  let draining = false;
  // Role changes and deleted accounts reach open connections within this, as they reach requests per poll.
  const authorityChecks = setInterval(() => {
    for (const connection of connections) connection.recheckAuthority();
  }, AUTHORITY_RECHECK_MS);
  authorityChecks.unref();

  const mask = (error: GraphQLError): GraphQLError =>
    error instanceof FormattedError ? error : new FormattedError(options.formatError(error.toJSON(), error));
  const httpStatusOf = (error: GraphQLError | undefined) =>
    (error?.extensions.http as { status?: number } | undefined)?.status ?? 400;

  const services: ConnectionServices = {
    maxSubscriptions: limits.maxSubscriptionsPerConnection,
    maxPendingEvents: limits.maxPendingEvents,
    flushTimeoutMs: limits.flushTimeoutMs,
    async authenticate(authorization, address) {
      let caller: Awaited<ReturnType<typeof verifyAuthorization>>;
      try {
        caller = await verifyAuthorization(authorization, options.verifier, options.authority);
      } catch (error) {
        // A refused token still spends the address's request budget, as over HTTP: guessing is rate-limited too.
        for (const feature of features) await feature.context?.({ address, viewer: null }).catch(() => {});
        throw error;
      }
      if (caller && !byUser.take(caller.viewer.id)) throw tooManyConnections('user');
      return caller;
    },
    releaseUser: (viewer) => byUser.give(viewer.id),
    viewerNow: (claims) => options.authority.apply(claims),
    check: (request, viewer, address) => checks.check(request, { address, viewer }),
    run(checked, context, sink) {
      const counted = {
        event: (result: Promise<ExecutionResult>) => {
          metrics.event(checked.operationName);
          sink.event(result);
        },
        end: () => sink.end(),
      };
      return shared.join(checked.plan, checked.variables, context.viewer, counted, (fanOut) =>
        startFederatedSubscription(
          {
            plan: checked.plan,
            request: checked,
            context,
            dataSources: options.dataSources,
            subgraphUrl: options.subgraphUrl,
            upstream: options.upstream,
            keys: options.keys,
            logger,
          },
          {
            // Resolved and formatted once, for every subscriber of the group.
            event: (result) =>
              fanOut.event(
                result.then(({ data, errors }): ExecutionResult => ({
                  ...(data !== undefined && { data }),
                  ...(errors?.length && { errors: errors.map(mask) }),
                })),
              ),
            end: () => fanOut.end(),
          },
        ),
      );
    },
    mask,
    refused(errors, operationName) {
      metrics.subscription(operationName, 'rejected');
      return { errors: errors.map(mask), status: httpStatusOf(errors[0]) };
    },
    started: (operationName) => metrics.subscription(operationName, 'started'),
    ended: () => metrics.subscriptionEnded(),
    slow(connection, operationName) {
      logger.warn({ address: connection.address, operation: operationName }, 'slow subscriber disconnected');
      connection.end({
        code: CloseCode.SlowConsumer,
        reason: `Too slow: more than ${limits.maxPendingEvents} events behind`,
      });
    },
    closed(connection, address, viewer) {
      connections.delete(connection);
      byAddress.give(address);
      if (viewer) byUser.give(viewer.id);
      metrics.connectionClosed(connection.transport);
    },
  };

  return {
    open(connectionOptions) {
      if (draining) throw new ServiceUnavailable('The gateway is shutting down', 503);
      if (!byAddress.take(connectionOptions.address)) throw tooManyConnections('address');
      const connection = new SubscriberConnection(connectionOptions, services);
      connections.add(connection);
      metrics.connectionOpened(connectionOptions.transport);
      return connection;
    },
    async drain() {
      draining = true;
      clearInterval(authorityChecks);
      const end = { code: CloseCode.GoingAway, reason: 'The gateway is shutting down' };
      await Promise.all([...connections].map((connection) => connection.finish(undefined, end)));
    },
  };
}
