import { statusOf, type ErrorCode } from '@/lib/errors';

const cwd = process.cwd();
/** A V8 stack frame (`at fn (/path/file.js:1:2)`, `at /path/file.js:1:2`), escaped or not. */
const FRAME = /(?:^|\\n|\n)\s*at (?:async )?(?:\S+ \()?(?:file:\/\/)?\/[^\s)]*:\d+:\d+/;
const PROBLEM_TYPE = /^urn:chronicle:problem:([a-z_]+)$/;

/**
 * What is wrong with an answer, or nothing: a status of 500 or above (but a 503 the operation
 * documents), a body that shows a stack frame or a path of the server, or an error that is not
 * a problem+json document whose type, title and status agree with the HTTP status.
 */
export async function faultOf(response: Response, documented: string[]): Promise<string | null> {
  const { status } = response;
  const contentType = response.headers.get('content-type') ?? '';
  if (status < 400 && contentType.startsWith('text/event-stream')) {
    // Stays open until the client leaves: leave at once.
    await response.body?.cancel();
    return null;
  }
  const text = await response.text();
  if (status >= 500 && !(status === 503 && documented.includes('503'))) {
    return `status ${status}: ${text.slice(0, 300)}`;
  }
  if (FRAME.test(text) || text.includes(cwd) || text.includes('node_modules')) {
    return `a stack trace or server path in the body: ${text.slice(0, 300)}`;
  }
  if (status < 400) return null;
  if (contentType !== 'application/problem+json') {
    return `error ${status} as ${contentType || 'no content type'}`;
  }
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return `error ${status} whose body is not JSON: ${text.slice(0, 300)}`;
  }
  const code = PROBLEM_TYPE.exec(String(problem.type))?.[1] as ErrorCode | undefined;
  if (code === undefined || statusOf[code] !== status) {
    return `error ${status} of type ${String(problem.type)}`;
  }
  if (problem.status !== status) return `error ${status} saying status ${String(problem.status)}`;
  if (typeof problem.title !== 'string' || problem.title === '') return `error ${status} untitled`;
  if (typeof problem.detail !== 'string') return `error ${status} without a detail`;
  return null;
}
