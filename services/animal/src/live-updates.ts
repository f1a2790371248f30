// The animal subgraph's live updates: a topic per zoo, carrying the id of the animal that arrived (the
// subscription's resolvers load it), published in the transaction that puts it there; and one the service
// tells itself on (no Subscription field reads it).
export const topics = {
  /** An animal created in the zoo or moved into it. */
  animalAdded: (zooId: string) => `animalAdded:${zooId}`,
  /** Photo files were listed for deletion by a transaction that has now committed: the sweepers wake up. */
  photoFilesListed: 'photoFilesListed',
};

export interface AnimalAddedMessage {
  animalId: string;
}
