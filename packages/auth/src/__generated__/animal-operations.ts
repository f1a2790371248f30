/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type DetachAnimalsMutationVariables = Exact<{
  zooId: string;
}>;


export type DetachAnimalsMutation = { detachAnimalsFromZoo: number };


export const DetachAnimalsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DetachAnimals"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"zooId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"detachAnimalsFromZoo"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"zooId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"zooId"}}}]}]}}]} as unknown as DocumentNode<DetachAnimalsMutation, DetachAnimalsMutationVariables>;