export { createGatewayServer, type GatewayOptions, type GatewayServer } from './server';
export type { GatewayContext } from './context';
