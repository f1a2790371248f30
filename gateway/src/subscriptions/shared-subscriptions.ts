// Subscribers asking the same thing share one subscription to the subgraph: the same plan (operation text and
// name, on the same supergraph), the same variables and the same caller — so what a subgraph authorised for one
// caller is only ever shared with that caller (or among anonymous callers). Each event is resolved once and
// handed to every subscriber; the subgraph subscription ends with its last subscriber.
import type { ExecutionResult } from 'graphql';
import type { Viewer } from '@supergraph/auth';
import type { SubscriptionPlan } from './subscription-planner';

export interface Subscriber {
  event(result: Promise<ExecutionResult>): void;
  end(): void;
}

interface Group {
  subscribers: Set<Subscriber>;
  stop(): void;
}

export interface SharedSubscriptions {
  /**
   * Adds `subscriber` to the group for this plan, variables and viewer, starting the group's subscription (with
   * `start`, which returns its stopper) if it is the first. Returns what takes the subscriber out again.
   */
  join(
    plan: SubscriptionPlan,
    variables: Record<string, unknown>,
    viewer: Viewer | null,
    subscriber: Subscriber,
    start: (fanOut: Subscriber) => () => void,
  ): () => void;
}

export function createSharedSubscriptions(): SharedSubscriptions {
  const groups = new WeakMap<SubscriptionPlan, Map<string, Group>>();
  return {
    join(plan, variables, viewer, subscriber, start) {
      let byKey = groups.get(plan);
      if (!byKey) groups.set(plan, (byKey = new Map()));
      const key = `${viewer ? `${viewer.id}\n${viewer.role}` : 'anonymous'}\n${JSON.stringify(variables)}`;
      const disband = (group: Group) => {
        if (byKey.get(key) === group) byKey.delete(key);
      };
      let group = byKey.get(key);
      if (group) {
        group.subscribers.add(subscriber);
      } else {
        const created: Group = { subscribers: new Set([subscriber]), stop: () => {} };
        group = created;
        byKey.set(key, created);
        created.stop = start({
          event(result) {
            for (const member of created.subscribers) member.event(result);
          },
          end() {
            disband(created);
            const members = [...created.subscribers];
            created.subscribers.clear();
            for (const member of members) member.end();
          },
        });
      }
      const joined = group;
      return () => {
        if (!joined.subscribers.delete(subscriber) || joined.subscribers.size > 0) return;
        disband(joined);
        joined.stop();
      };
    },
  };
}
