import { appendToStream, MAX_RACE_RETRIES, RaceLost, type AppendParams } from './append';
import type { StoreContext } from './context';
import type { AppendResult } from './types';

export type Transaction = {
  append: (params: AppendParams) => Promise<AppendResult>;
  /** For writes that must commit with the events, such as an inline read model. */
  sql: StoreContext['sql'];
};

/**
 * Runs `work` in one transaction, so an append and the read-model change it implies commit
 * together. The append must be the transaction's first write: its transaction id orders the
 * events. An append that finds a transaction started after this one already wrote to its
 * stream (or its event ids written meanwhile) reruns the whole of `work` in a new transaction.
 */
export async function transact<T>(
  ctx: StoreContext,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await ctx.db.$client.begin(async (sql) => {
        const txContext: StoreContext = { ...ctx, sql, inTransaction: true };
        return work({ append: (params) => appendToStream(txContext, params), sql });
      });
      ctx.notifier.appended();
      return result as T;
    } catch (error) {
      if (!(error instanceof RaceLost) || attempt >= MAX_RACE_RETRIES) throw error;
      await new Promise((resolve) =>
        setTimeout(resolve, Math.random() * Math.min(20, 2 ** attempt)),
      );
    }
  }
}
