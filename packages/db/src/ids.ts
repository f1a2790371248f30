// Row ids are UUIDs. Ids are opaque to clients, so anything else simply matches no row, and never reaches SQL
// (where Postgres would reject it as an invalid uuid).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (id: string): boolean => UUID.test(id);
