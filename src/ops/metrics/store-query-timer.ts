import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

export const QUERY_OPERATIONS = ['select', 'insert', 'update', 'delete', 'raw', 'schema'] as const;
export type QueryOperation = (typeof QUERY_OPERATIONS)[number];

const OPERATION_OF_NODE: Partial<Record<RootOperationNode['kind'], QueryOperation>> = {
  SelectQueryNode: 'select',
  InsertQueryNode: 'insert',
  UpdateQueryNode: 'update',
  DeleteQueryNode: 'delete',
  RawNode: 'raw',
};

/**
 * A Kysely plugin that times every query, from the builder handing it over (so waiting for the connection counts)
 * to its result. A query that fails is not observed; its start is dropped with its query id.
 */
export function storeQueryTimer(observe: (operation: QueryOperation, seconds: number) => void): KyselyPlugin {
  const started = new WeakMap<object, { at: number; operation: QueryOperation }>();
  return {
    transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
      started.set(queryId, { at: performance.now(), operation: OPERATION_OF_NODE[node.kind] ?? 'schema' });
      return node;
    },
    async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      const start = started.get(queryId);
      if (start) {
        started.delete(queryId);
        observe(start.operation, (performance.now() - start.at) / 1000);
      }
      return result;
    },
  };
}
