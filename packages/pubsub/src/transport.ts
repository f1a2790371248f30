// How live updates travel between a service's replicas: one small contract, one file per implementation
// (postgres-transport.ts, redis-transport.ts). A transport carries opaque text messages on the service's one
// channel; pubsub.ts encodes them and fans them out to the subscribers of each topic.
import type { QueryExecutorProvider } from 'kysely';

export interface TransportListener {
  /** A message published by any replica (this one included). */
  message(text: string): void;
  /**
   * The connection to the channel was lost: messages sent until it is back are missed. The transport
   * reconnects by itself; this lets the subscribers know their stream has a gap.
   */
  interrupted(error: Error): void;
}

export interface LiveTransport {
  /**
   * When a transaction's messages go out. `in-transaction`: send() runs inside it, and its commit delivers
   * them (nothing for a rollback). `after-commit`: send() runs once it committed.
   */
  readonly delivery: 'in-transaction' | 'after-commit';
  /** The largest message, in bytes, the transport carries. */
  readonly maxMessageBytes: number;
  /** Sends messages; `trx` is the change's transaction, for an in-transaction transport. */
  send(messages: readonly string[], trx: QueryExecutorProvider): Promise<void>;
  /** Starts receiving the channel's messages; resolves once listening. */
  listen(listener: TransportListener): Promise<void>;
  /** Stops listening and closes the transport's own connections. */
  close(): Promise<void>;
}
