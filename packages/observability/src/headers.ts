// Reads one header from whatever shape a server hands over: node's `req.headers` record, or a Map-like
// (fetch `Headers`, Apollo's `HeaderMap`). Names are looked up in lower case, as both store them.
export type HeaderSource =
  Readonly<Record<string, string | readonly string[] | undefined>> | { get(name: string): string | null | undefined };

export function headerValue(headers: HeaderSource, name: string): string | undefined {
  const key = name.toLowerCase();
  if (typeof headers.get === 'function')
    return (headers as { get(name: string): string | null | undefined }).get(key) ?? undefined;
  const value = (headers as Readonly<Record<string, string | readonly string[] | undefined>>)[key];
  return typeof value === 'string' ? value : value?.[0];
}
