// Subscribes to a subgraph as the gateway does: graphql-transport-ws (graphql-ws) on its /graphql, each
// subscribe message carrying claims signed with the test gateway's key for that subgraph and bound to the
// query and variables (or, for refusal tests, no claims or claims bound to something else). Every message the
// subgraph sends is kept in order, so a test reads them one at a time.
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { CLAIMS_HEADER, requestDigest, signForwardedClaims } from '@supergraph/auth';
import type { CallOptions } from './subgraph-harness';
import { testKeys } from './test-keys';

/** What the subgraph sent for one subscription, or what became of its socket. */
export type SubscriptionMessage =
  | { type: 'next'; payload: FormattedExecutionResult }
  | { type: 'error'; errors: GraphQLFormattedError[] }
  | { type: 'complete' }
  | { type: 'closed'; code: number; reason: string };

export interface SubscribeOptions extends CallOptions {
  /** Signs the claims for this operation instead of the one sent (a wrongly-bound subscribe). */
  boundTo?: { query: string; variables?: Record<string, unknown> };
}

export interface SubgraphSubscription {
  /** The next message for this subscription; fails after `limitMs` (default 10 s) so a broken test does not hang. */
  next(limitMs?: number): Promise<SubscriptionMessage>;
  /** The data of the next message, which must be a `next` without errors. */
  nextData<Data = Record<string, unknown>>(limitMs?: number): Promise<Data>;
  /** Asks the subgraph to end it (a `complete` from the client). */
  unsubscribe(): void;
}

export interface SubgraphSubscriber {
  /**
   * Subscribes; resolves once the subgraph runs the subscription (its active-subscriptions gauge has risen)
   * or has answered it (refused or ended), so that what the test does next is seen by it.
   */
  subscribe(
    query: string,
    variables?: Record<string, unknown>,
    options?: SubscribeOptions,
  ): Promise<SubgraphSubscription>;
  /** Closes the socket. */
  close(): Promise<void>;
}

const ACTIVE_GAUGE = /^supergraph_subscriptions_active\{[^}]*\} (\d+)/m;

async function activeSubscriptions(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  return Number(ACTIVE_GAUGE.exec(text)?.[1] ?? 0);
}

/**
 * One gateway-like connection to the subgraph at `url` (its http GraphQL URL; `metricsUrl`: its operations
 * port's /metrics, read to know when a subscription runs), whose claims audience is `audience`. Subscriptions
 * through it share the socket, as the gateway's do.
 */
export function subscribeToSubgraph(
  { url, metricsUrl }: { url: string; metricsUrl: string },
  audience: string,
): SubgraphSubscriber {
  const client: Client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    // Tests read every outcome themselves; an unanswered socket error would otherwise be logged as unhandled.
    onNonLazyError: () => undefined,
  });

  return {
    async subscribe(query, variables, options = {}) {
      const messages: SubscriptionMessage[] = [];
      const waiting: ((message: SubscriptionMessage) => void)[] = [];
      const deliver = (message: SubscriptionMessage) => {
        const reader = waiting.shift();
        if (reader) reader(message);
        else messages.push(message);
      };
      const extensions: Record<string, unknown> = {};
      if (!options.unsigned) {
        const bound = options.boundTo ?? { query, variables };
        extensions[CLAIMS_HEADER] = signForwardedClaims(testKeys(options.issuer ?? 'gateway'), {
          audience,
          viewer: options.viewer ?? null,
          digest: requestDigest(bound.query, bound.variables),
        });
      }
      const before = await activeSubscriptions(metricsUrl);
      let answered = false;
      const unsubscribe = client.subscribe(
        { query, ...(variables && { variables }), extensions },
        {
          next: (payload) => deliver({ type: 'next', payload: payload as FormattedExecutionResult }),
          error: (error) => {
            answered = true;
            if (Array.isArray(error)) deliver({ type: 'error', errors: error as GraphQLFormattedError[] });
            else {
              const { code = 0, reason = String(error) } = error as { code?: number; reason?: string };
              deliver({ type: 'closed', code, reason });
            }
          },
          complete: () => {
            answered = true;
            deliver({ type: 'complete' });
          },
        },
      );
      for (let tries = 0; !answered && (await activeSubscriptions(metricsUrl)) <= before; tries++) {
        if (tries > 200) throw new Error('The subgraph neither ran nor answered the subscription within 10 s');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      const next = (limitMs = 10_000) => {
        const queued = messages.shift();
        if (queued) return Promise.resolve(queued);
        return new Promise<SubscriptionMessage>((resolve, reject) => {
          const timer = setTimeout(() => {
            waiting.splice(waiting.indexOf(reader), 1);
            reject(new Error(`No message from the subgraph within ${limitMs} ms`));
          }, limitMs);
          const reader = (message: SubscriptionMessage) => {
            clearTimeout(timer);
            resolve(message);
          };
          waiting.push(reader);
        });
      };
      return {
        next,
        async nextData<Data>(limitMs?: number) {
          const message = await next(limitMs);
          if (message.type !== 'next' || message.payload.errors)
            throw new Error(`Expected an event, got ${JSON.stringify(message)}`);
          return message.payload.data as Data;
        },
        unsubscribe,
      };
    },
    async close() {
      await client.dispose();
    },
  };
}
