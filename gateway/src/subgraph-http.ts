// The gateway's HTTP client for subgraph fetches: undici's `request` on one keep-alive Agent per subgraph
// (no pipelining), each request within a deadline. Lighter than global `fetch` (no WHATWG Request, Response or
// web streams per call); the body comes back as text, which the caller parses.
import { STATUS_CODES } from 'node:http';
import { Agent, request } from 'undici';

export interface SubgraphHttpResponse {
  status: number;
  statusText: string;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Thrown when a subgraph does not answer (connect, headers and the whole body) within its deadline. */
export class SubgraphTimeout extends Error {
  constructor(subgraph: string, timeoutMs: number) {
    super(`Subgraph ${subgraph} did not answer within ${timeoutMs} ms`);
    this.name = 'SubgraphTimeout';
  }
}

export interface SubgraphHttp {
  /** POSTs `body` to subgraph `name` at `url`; rejects with SubgraphTimeout past `timeoutMs`. */
  post(
    name: string,
    url: string,
    headers: Record<string, string>,
    body: string,
    timeoutMs: number,
  ): Promise<SubgraphHttpResponse>;
  /** Closes every Agent once its requests in flight have finished. */
  close(): Promise<void>;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

const isTimeout = (error: unknown, deadline: AbortSignal) =>
  deadline.aborted || TIMEOUT_CODES.has((error as { code?: string } | null)?.code ?? '');

export function createSubgraphHttp(): SubgraphHttp {
  // By subgraph name: a supergraph reload builds new data sources, which keep the same connections; a changed
  // routing URL or timeout gets a new Agent and the old one is closed once idle.
  const agents = new Map<string, { url: string; timeoutMs: number; agent: Agent }>();
  const agentFor = (name: string, url: string, timeoutMs: number): Agent => {
    const found = agents.get(name);
    if (found?.url === url && found.timeoutMs === timeoutMs) return found.agent;
    void found?.agent.close();
    const agent = new Agent({
      pipelining: 1,
      connect: { timeout: timeoutMs },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    agents.set(name, { url, timeoutMs, agent });
    return agent;
  };

  return {
    async post(name, url, headers, body, timeoutMs) {
      const dispatcher = agentFor(name, url, timeoutMs);
      // One deadline over connecting, the headers and the whole body, as AbortSignal.timeout gave global
      // fetch; a plain timer, cleared at once, frees everything as soon as the answer is in.
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), timeoutMs);
      try {
        const response = await request(url, { dispatcher, method: 'POST', headers, body, signal: deadline.signal });
        const text = await response.body.text();
        return {
          status: response.statusCode,
          statusText: STATUS_CODES[response.statusCode] ?? '',
          headers: response.headers,
          text,
        };
      } catch (error) {
        throw isTimeout(error, deadline.signal) ? new SubgraphTimeout(name, timeoutMs) : error;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      const closing = [...agents.values()].map(({ agent }) => agent.close());
      agents.clear();
      await Promise.all(closing);
    },
  };
}
