import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

type Metrics = {
  registry: Registry;
  appendSeconds: Histogram<'outcome'>;
  readSeconds: Histogram<'kind'>;
  eventsAppended: Counter;
  errors: Counter<'code'>;
  httpSeconds: Histogram<'method' | 'route' | 'status'>;
  oldestTransactionAge: Gauge;
  eventsHeldBack: Gauge;
  projectionLagEvents: Gauge<'projection'>;
  projectionLagSeconds: Gauge<'projection'>;
  projectionStopped: Gauge<'projection'>;
};

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'chronicle_process_' });
  return {
    registry,
    appendSeconds: new Histogram({
      name: 'chronicle_append_duration_seconds',
      help: 'Time to append one batch to a stream',
      labelNames: ['outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    readSeconds: new Histogram({
      name: 'chronicle_read_duration_seconds',
      help: 'Time to read a page of events',
      labelNames: ['kind'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    eventsAppended: new Counter({
      name: 'chronicle_events_appended_total',
      help: 'Events written to the store',
      registers: [registry],
    }),
    errors: new Counter({
      name: 'chronicle_errors_total',
      help: 'Errors answered, by kind',
      labelNames: ['code'],
      registers: [registry],
    }),
    httpSeconds: new Histogram({
      name: 'chronicle_http_request_duration_seconds',
      help: 'HTTP API requests',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    oldestTransactionAge: new Gauge({
      name: 'chronicle_oldest_transaction_age_seconds',
      help: 'Age of the oldest open transaction holding an xid; $all readers wait for it (NaN: database down)',
      registers: [registry],
    }),
    eventsHeldBack: new Gauge({
      name: 'chronicle_events_held_back',
      help: 'Committed events at or above the gap-safe horizon: in the log, not yet readable from $all',
      registers: [registry],
    }),
    projectionLagEvents: new Gauge({
      name: 'chronicle_projection_lag_events',
      help: 'Events of its categories an async projection has not yet applied',
      labelNames: ['projection'],
      registers: [registry],
    }),
    projectionLagSeconds: new Gauge({
      name: 'chronicle_projection_lag_seconds',
      help: 'Age of the oldest event an async projection has not yet applied',
      labelNames: ['projection'],
      registers: [registry],
    }),
    projectionStopped: new Gauge({
      name: 'chronicle_projection_stopped',
      help: '1 when a projection is halted before a failed event (policy stop)',
      labelNames: ['projection'],
      registers: [registry],
    }),
  };
}

const holder = globalThis as typeof globalThis & { __chronicleMetrics?: Metrics };

/** One registry per process, even when Next loads this module more than once. */
export function metrics(): Metrics {
  holder.__chronicleMetrics ??= create();
  return holder.__chronicleMetrics;
}
