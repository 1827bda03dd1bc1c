import type { RouteParams } from './with-api';

/** The raw path parameter, cut to a stream id's length: an audit record must not grow with input. */
const param = (params: RouteParams, name = 'id') => {
  const value = params[name];
  return typeof value === 'string' ? value.slice(0, 200) : null;
};

export const streamTarget = (params: RouteParams) => param(params);

export const workflowTarget = (params: RouteParams) => {
  const id = param(params);
  return id === null ? null : `workflow-${id}`;
};

export const tokenTarget = (params: RouteParams) => {
  const id = param(params);
  return id === null ? null : `token:${id}`;
};

export const replayTarget = (params: RouteParams) => {
  const id = param(params);
  return id === null ? null : `replay:${id}`;
};

export const failureTarget = (params: RouteParams) => {
  const name = param(params, 'name');
  const id = param(params);
  return name === null || id === null ? null : `projection:${name}/failure:${id}`;
};

export const eventTarget = (params: RouteParams) => {
  const id = param(params);
  return id === null ? null : `event:${id}`;
};

export const correlationTarget = (params: RouteParams) => {
  const id = param(params);
  return id === null ? null : `correlation:${id}`;
};
