// The animal subgraph's live updates: a topic per zoo, carrying the id of the animal that arrived (the
// subscription's resolvers load it), published in the transaction that puts it there.
export const topics = {
  /** An animal created in the zoo or moved into it. */
  animalAdded: (zooId: string) => `animalAdded:${zooId}`,
};

export interface AnimalAddedMessage {
  animalId: string;
}
