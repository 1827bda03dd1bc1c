/** An agent a step can be assigned to, as the picker lists it. */
export type AgentOption = { agentId: string; name: string };

/** An agent's console page; agent ids may hold characters that need escaping in a path. */
export const agentHref = (agentId: string) => `/agents/${encodeURIComponent(agentId)}`;
