export { createPubSub, type PubSub, type PubSubOptions, type Publish } from './pubsub';
export { postgresTransport, type PostgresTransportOptions } from './postgres-transport';
export { redisTransport, type RedisTransportOptions } from './redis-transport';
export type { LiveTransport, TransportListener } from './transport';
export { createEventQueue, mapEvents, END, SKIP, type EventQueue } from './event-stream';
