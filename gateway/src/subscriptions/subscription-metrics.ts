// Prometheus metrics of the gateway's subscriptions, in the gateway's own registry (served on GET /metrics):
// connections open by transport, subscriptions by operation and outcome, events delivered by operation.
import { Counter, Gauge, type Registry } from 'prom-client';

export type Transport = 'websocket' | 'sse';
/** `started` ran; `rejected` was refused before it reached a subgraph (invalid, over a limit, rate-limited). */
export type SubscriptionOutcome = 'started' | 'rejected';

export interface SubscriptionMetrics {
  connectionOpened(transport: Transport): void;
  connectionClosed(transport: Transport): void;
  subscription(operation: string | undefined, outcome: SubscriptionOutcome): void;
  subscriptionEnded(): void;
  event(operation: string | undefined): void;
}

const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Operation names are chosen by clients: past this many distinct ones, the rest count as `other`. */
const MAX_OPERATION_NAMES = 200;

export function createSubscriptionMetrics(registry: Registry): SubscriptionMetrics {
  const registers = [registry];
  const connections = new Gauge({
    name: 'supergraph_subscription_connections',
    help: 'Subscription connections open at the gateway, by transport (websocket, sse).',
    labelNames: ['transport'] as const,
    registers,
  });
  const subscriptions = new Counter({
    name: 'supergraph_subscriptions_total',
    help: 'Subscription operations by operation name and outcome (started, rejected: refused before any subgraph).',
    labelNames: ['operation', 'outcome'] as const,
    registers,
  });
  const active = new Gauge({
    name: 'supergraph_subscriptions_active',
    help: 'Subscriptions running at the gateway.',
    registers,
  });
  const events = new Counter({
    name: 'supergraph_subscription_events_total',
    help: 'Subscription events resolved and handed to clients, by operation name.',
    labelNames: ['operation'] as const,
    registers,
  });

  const names = new Set<string>();
  const operationLabel = (name: string | undefined): string => {
    if (!name) return 'anonymous';
    if (!LABEL_NAME.test(name)) return 'invalid';
    if (names.has(name)) return name;
    if (names.size >= MAX_OPERATION_NAMES) return 'other';
    names.add(name);
    return name;
  };

  return {
    connectionOpened: (transport) => connections.inc({ transport }),
    connectionClosed: (transport) => connections.dec({ transport }),
    subscription(operation, outcome) {
      subscriptions.inc({ operation: operationLabel(operation), outcome });
      if (outcome === 'started') active.inc();
    },
    subscriptionEnded: () => active.dec(),
    event: (operation) => events.inc({ operation: operationLabel(operation) }),
  };
}
