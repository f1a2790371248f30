// One client connection (a WebSocket, or one SSE stream) and its subscriptions: who it is (its access token,
// until the token expires), how many subscriptions it runs, and how it ends — closed by the client, expired,
// too slow, or drained at shutdown after its last events are sent.
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { AccessTokenClaims, Viewer } from '@supergraph/auth';
import { BadRequest, ServiceUnavailable, Unauthenticated } from '@supergraph/errors';
import type { GatewayContext, VerifiedCaller } from '../context';
import { createEventQueue, type EventQueue } from './event-queue';
import type { CheckedSubscription, SubscriptionRequest } from './subscription-checks';
import type { Transport } from './subscription-metrics';

/** How the gateway ends a connection, as WebSocket close codes (an SSE stream simply ends). */
export const CloseCode = {
  GoingAway: 1001,
  SlowConsumer: 1008,
  InternalError: 1011,
  Unauthorized: 4401,
  TooManyConnections: 4429,
} as const;

export interface ConnectionEnd {
  code: number;
  reason: string;
}

/** A subscription that passed every check, ready to start when the transport's protocol says. */
export class PreparedSubscription {
  constructor(
    readonly schema: GraphQLSchema,
    readonly document: DocumentNode,
    readonly operationName: string | undefined,
    readonly variables: Record<string, unknown>,
    readonly start: () => AsyncIterableIterator<ExecutionResult, undefined, undefined>,
  ) {}
}

/** A subscription refused before it started: its errors, formatted, and the HTTP status an SSE request gets. */
export interface RefusedSubscription {
  errors: readonly GraphQLError[];
  status: number;
}

/** What the transport tells the service about a new connection. */
export interface ConnectionOptions {
  address: string;
  transport: Transport;
  /** Ends the connection with this code (the transport's part: close the socket, end the stream). */
  end(end: ConnectionEnd): void;
  /** Resolves when the client can take one more event (SSE: the response has drained). */
  ready?(): Promise<void> | undefined;
  requestId?: string;
  traceparent?: string;
}

/** Where a running subscription's results go, in order (each perhaps still resolving); `end` after the last. */
export interface EventSink {
  event(result: Promise<ExecutionResult>): void;
  end(): void;
}

/** What every connection shares, from the subscription service. */
export interface ConnectionServices {
  maxSubscriptions: number;
  maxPendingEvents: number;
  flushTimeoutMs: number;
  /** Verifies an Authorization value (null: anonymous) and takes a place under the user's cap. */
  authenticate(authorization: string | undefined, address: string): Promise<VerifiedCaller | null>;
  /** The viewer the token stands for now (authority-feed.ts); throws UNAUTHENTICATED for a deleted account. */
  viewerNow(claims: AccessTokenClaims): Viewer;
  /** Gives back a user's place taken by authenticate. */
  releaseUser(viewer: Viewer): void;
  check(
    request: SubscriptionRequest,
    viewer: Viewer | null,
    address: string,
  ): Promise<CheckedSubscription | { refused: readonly GraphQLError[] }>;
  /** Starts the federated subscription; returns what stops it. */
  run(checked: CheckedSubscription, context: GatewayContext, sink: EventSink): () => void;
  /** Formats an error (or an event's errors) as the client may see it. */
  mask(error: GraphQLError): GraphQLError;
  refused(errors: readonly GraphQLError[], operationName: string | undefined): RefusedSubscription;
  started(operationName: string | undefined): void;
  ended(): void;
  slow(connection: ConnectionOptions, operationName: string | undefined): void;
  /** The connection is gone: its address's place (and its user's) is free again. */
  closed(connection: SubscriberConnection, address: string, viewer: Viewer | null): void;
}

interface RunningSubscription {
  queue: EventQueue<ExecutionResult>;
  stop(): void;
}

export class SubscriberConnection {
  private viewer: Viewer | null = null;
  private claims: AccessTokenClaims | undefined;
  private authenticated = false;
  private closed = false;
  private ending = false;
  /** Subscriptions checked and not started yet: they count against the cap too. */
  private reserved = 0;
  private expiry: NodeJS.Timeout | undefined;
  private readonly running = new Set<RunningSubscription>();
  private allEnded: (() => void) | undefined;

  constructor(
    private readonly options: ConnectionOptions,
    private readonly services: ConnectionServices,
  ) {}

  get transport(): Transport {
    return this.options.transport;
  }

  /** Checks the access token (none: anonymous); throws UNAUTHENTICATED, or RATE_LIMITED over the user's cap. */
  async authenticate(authorization: string | undefined): Promise<void> {
    if (this.authenticated) return;
    const caller = await this.services.authenticate(authorization, this.options.address);
    if (this.closed) {
      if (caller) this.services.releaseUser(caller.viewer);
      return;
    }
    this.authenticated = true;
    this.viewer = caller?.viewer ?? null;
    this.claims = caller?.claims;
    if (caller) {
      this.expiry = setTimeout(
        () => this.unauthorized(new Unauthenticated('Access token expired')),
        Math.max(0, caller.claims.exp * 1000 - Date.now()),
      );
    }
  }

  /**
   * Applies what the users service has said since the token was issued: a deleted account, or a changed role
   * (the subgraphs authorised these subscriptions for the old one), ends the connection 4401; reconnecting
   * with the same token gets the new role.
   */
  recheckAuthority(): void {
    if (!this.claims || !this.viewer || this.ending || this.closed) return;
    let now: Viewer;
    try {
      now = this.services.viewerNow(this.claims);
    } catch (error) {
      return this.unauthorized(error instanceof GraphQLError ? error : new Unauthenticated());
    }
    if (now.role !== this.viewer.role) this.unauthorized(new Unauthenticated('Your role changed; connect again'));
  }

  async prepare(request: SubscriptionRequest): Promise<PreparedSubscription | RefusedSubscription> {
    const named = typeof request.operationName === 'string' ? request.operationName : undefined;
    const refuse = (error: GraphQLError) => this.services.refused([error], named);
    if (!this.authenticated) return refuse(new Unauthenticated('Authenticate the connection first'));
    if (this.ending || this.closed) return refuse(new ServiceUnavailable('This connection is closing'));
    if (this.running.size + this.reserved >= this.services.maxSubscriptions) {
      return refuse(new BadRequest(`At most ${this.services.maxSubscriptions} subscriptions per connection`));
    }
    this.reserved++;
    let outcome: Awaited<ReturnType<ConnectionServices['check']>>;
    try {
      outcome = await this.services.check(request, this.viewer, this.options.address);
    } catch (error) {
      this.reserved--;
      // A feature's refusal (the rate limit) is the client's answer; anything else is masked as internal.
      const cause = error instanceof Error ? error : new Error(String(error));
      return refuse(error instanceof GraphQLError ? error : new GraphQLError(cause.message, { originalError: cause }));
    }
    if ('refused' in outcome) {
      this.reserved--;
      return this.services.refused(outcome.refused, named);
    }
    const checked = outcome;
    return new PreparedSubscription(
      checked.plan.supergraph.apiSchema,
      checked.document,
      checked.operationName,
      checked.variables,
      () => this.start(checked),
    );
  }

  /** The transport's connection is gone: ends its subscriptions at once and frees its place. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.expiry);
    for (const subscription of [...this.running]) void subscription.queue.return();
    this.services.closed(this, this.options.address, this.viewer);
    this.allEnded?.();
  }

  /**
   * Ends every subscription — each gets `finalError` as its last event, if given — waits (up to the flush
   * timeout) until their queued events are sent, then ends the connection.
   */
  async finish(finalError: GraphQLError | undefined, end: ConnectionEnd): Promise<void> {
    if (this.ending || this.closed) return;
    this.ending = true;
    clearTimeout(this.expiry);
    const allEnded = new Promise<void>((resolve) => (this.allEnded = resolve));
    for (const subscription of this.running) {
      subscription.stop();
      if (finalError) subscription.queue.push({ errors: [this.services.mask(finalError)] });
      subscription.queue.end();
    }
    if (this.running.size === 0) this.allEnded?.();
    await Promise.race([allEnded, delay(this.services.flushTimeoutMs, undefined, { ref: false })]);
    // The transport's own last messages (graphql-ws sends `complete` after the last event) go out first.
    await new Promise((resolve) => setImmediate(resolve));
    if (!this.closed) this.options.end(end);
  }

  private unauthorized(error: GraphQLError): void {
    void this.finish(error, { code: CloseCode.Unauthorized, reason: error.message });
  }

  private start(checked: CheckedSubscription): EventQueue<ExecutionResult> {
    this.reserved--;
    const { operationName } = checked;
    const subscription: RunningSubscription = {
      stop: () => {},
      queue: createEventQueue<ExecutionResult>({
        maxPending: this.services.maxPendingEvents,
        ...(this.options.ready && { ready: this.options.ready }),
        onOverflow: () => {
          subscription.stop();
          this.services.slow(this.options, operationName);
        },
        onDone: () => {
          subscription.stop();
          if (!this.running.delete(subscription)) return;
          this.services.ended();
          if (this.running.size === 0) this.allEnded?.();
        },
      }),
    };
    if (this.closed || this.ending) {
      void subscription.queue.return();
      return subscription.queue;
    }
    this.running.add(subscription);
    this.services.started(operationName);
    const context: GatewayContext = {
      viewer: this.viewer,
      clientAddress: this.options.address,
      requestId: this.options.requestId ?? randomUUID(),
      ...(this.options.traceparent && { traceparent: this.options.traceparent }),
    };
    subscription.stop = this.services.run(checked, context, {
      event: (result) => subscription.queue.push(result),
      end: () => subscription.queue.end(),
    });
    return subscription.queue;
  }
}
