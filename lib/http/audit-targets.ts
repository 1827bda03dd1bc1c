import type { RouteParams } from './with-api';

/**
 * The raw path parameter, cut to a stream id's length: an audit record must not grow with input.
 * A refused request is recorded too, so what jsonb cannot hold (a lone surrogate, NUL) is shown
 * as U+FFFD rather than failing the record.
 */
const param = (params: RouteParams, name = 'id') => {
  const value = params[name];
  return typeof value === 'string'
    ? value.slice(0, 200).toWellFormed().replaceAll('\u0000', '\ufffd')
    : null;
};

/** The id parameter behind a kind of target, e.g. `token:…`. */
const prefixed = (prefix: string) => (params: RouteParams) => {
  const id = param(params);
  return id === null ? null : `${prefix}${id}`;
};

export const streamTarget = (params: RouteParams) => param(params);

export const workflowTarget = prefixed('workflow-');

export const tokenTarget = prefixed('token:');

export const replayTarget = prefixed('replay:');

export const failureTarget = (params: RouteParams) => {
  const name = param(params, 'name');
  const id = param(params);
  return name === null || id === null ? null : `projection:${name}/failure:${id}`;
};

export const eventTarget = prefixed('event:');

export const correlationTarget = prefixed('correlation:');

export const subjectTarget = (params: RouteParams) => {
  const id = param(params, 'subjectId');
  return id === null ? null : `subject:${id}`;
};

export const verificationTarget = (params: RouteParams) => param(params);

export const retentionTarget = (params: RouteParams) =>
  `retention:${param(params, 'category') ?? ''}`;
