// Checks a Chronicle evidence file: every event's hash, each stream's chain up to its head, the
// Merkle proofs from those heads to the signed digest, and the signatures. Plain Node, no
// dependencies, nothing from Chronicle: docs/integrity.md describes the same steps.
import { createHash, createPublicKey, verify } from 'node:crypto';

const GENESIS = '0'.repeat(64);

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** RFC 8785 (JCS): keys by UTF-16 code units, numbers and strings as ECMAScript prints them. */
function canonical(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
}

const contentHash = (e) =>
  sha256(
    `{"data":${canonical(e.data)},"eventId":${JSON.stringify(e.eventId)},` +
      `"metadata":${canonical(e.metadata)},"schemaVersion":${e.schemaVersion},` +
      `"streamId":${JSON.stringify(e.streamId)},"type":${JSON.stringify(e.type)}}`,
  );

const chainHash = (prevHash, version, occurredAt, recordedAt, content) =>
  sha256([prevHash, version, Date.parse(occurredAt), Date.parse(recordedAt), content].join('|'));

const leafHash = (streamId, version, hash) =>
  sha256(`chronicle-leaf\n${streamId}\n${version}\n${hash}`);
const nodeHash = (left, right) => sha256(`chronicle-node\n${left}\n${right}`);

function signatureValid(publicKey, message, signature) {
  try {
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: publicKey },
      format: 'jwk',
    });
    return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** What is wrong with the evidence, naming the line. */
export class Invalid extends Error {}

function check(condition, message) {
  if (!condition) throw new Invalid(message);
}

const isHex64 = (value) => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
const isCount = (value) => Number.isSafeInteger(value) && value >= 0;

const PHASES = ['header', 'anchor', 'event', 'link', 'proof', 'end'];

/**
 * Checks the lines of an evidence file (without their line ends), in order. `pinnedKey`, when
 * given, is the public key the digest must be signed with. Throws Invalid at the first problem;
 * returns the header and counts otherwise.
 * @param {AsyncIterable<string> | Iterable<string>} lines
 * @param {string | null} [pinnedKey]
 */
export async function verifyEvidence(lines, pinnedKey = null) {
  const fileHash = createHash('sha256');
  const streams = new Map();
  let header = null;
  let end = null;
  let phase = 0;
  let lineNo = 0;
  let events = 0;
  for await (const text of lines) {
    lineNo += 1;
    const at = `line ${lineNo}`;
    check(end === null, `${at}: a line after the end line`);
    let line;
    try {
      line = JSON.parse(text);
    } catch {
      throw new Invalid(`${at}: not a JSON line`);
    }
    check(line !== null && typeof line === 'object', `${at}: not a JSON object`);
    const kind = PHASES.indexOf(line.kind);
    check(kind >= 0, `${at}: unknown kind ${JSON.stringify(line.kind)}`);
    check(kind >= phase, `${at}: a ${line.kind} line after the ${PHASES[phase]} lines`);
    check(kind > 0 || lineNo === 1, `${at}: a second header`);
    check(lineNo > 1 || kind === 0, `${at}: the file does not start with a header`);
    phase = kind;
    if (line.kind === 'end') {
      end = line;
      continue;
    }
    fileHash.update(`${text}\n`, 'utf8');
    if (line.kind === 'header') header = checkHeader(line, pinnedKey);
    else if (line.kind === 'anchor') checkAnchor(line, header, streams, at);
    else if (line.kind === 'event') {
      checkEvent(line, header, streams, at);
      events += 1;
    } else if (line.kind === 'link') checkLink(line, streams, at);
    else checkProof(line, header, streams, at);
  }
  check(header !== null, 'the file is empty');
  check(end !== null, 'the file has no end line: it was cut short');
  for (const [streamId, stream] of streams) {
    check(stream.proven, `stream ${streamId}: no proof links its head to the digest`);
  }
  if (header.selection.streams) {
    for (const streamId of header.selection.streams) {
      check(streams.has(streamId), `stream ${streamId} was selected but has no events in the file`);
    }
  }
  check(
    end.lines === lineNo - 1,
    `end line: it counts ${end.lines} lines, the file has ${lineNo - 1}`,
  );
  check(end.events === events, `end line: it counts ${end.events} events, the file has ${events}`);
  const digestOfFile = fileHash.digest('hex');
  check(end.sha256 === digestOfFile, 'end line: the SHA-256 of the file does not match');
  check(
    signatureValid(
      header.digest.publicKey,
      `chronicle-evidence/1\nsha256=${digestOfFile}`,
      end.signature,
    ),
    'end line: the signature of the file is not valid for the digest key',
  );
  return { header, events, streams: streams.size };
}

function checkHeader(line, pinnedKey) {
  check(
    line.format === 'chronicle-evidence' && line.version === 1,
    'line 1: not a Chronicle evidence file of version 1',
  );
  const d = line.digest ?? {};
  check(
    isCount(d.position) && isCount(d.streams) && isCount(d.events),
    'line 1: the digest lacks its counts',
  );
  check(isHex64(d.root), 'line 1: the digest root is not a SHA-256');
  const statement = `chronicle-digest/1\nposition=${d.position}\nstreams=${d.streams}\nevents=${d.events}\nroot=${d.root}\ncreatedAt=${d.createdAt}`;
  check(typeof d.publicKey === 'string', 'line 1: the digest names no public key');
  if (pinnedKey !== null) {
    check(
      d.publicKey === pinnedKey,
      `line 1: the digest is signed with key ${d.publicKey}, not the expected ${pinnedKey}`,
    );
  }
  check(
    signatureValid(d.publicKey, statement, d.signature),
    'line 1: the digest signature is not valid',
  );
  const selection = line.selection ?? {};
  const byStreams = Array.isArray(selection.streams);
  const byTime = typeof selection.from === 'string' && typeof selection.to === 'string';
  check(byStreams !== byTime, 'line 1: the selection names neither streams nor a time range');
  return {
    ...line,
    selection: byStreams
      ? { streams: selection.streams, set: new Set(selection.streams) }
      : selection,
  };
}

/**
 * Where a selected stream's history in the file starts when retention removed or hid its oldest
 * events: its first event must follow the anchor's version and hash, and its proof then ties
 * the anchor to the signed digest.
 */
function checkAnchor(anchor, header, streams, at) {
  const where = `${at} (anchor of stream ${anchor.streamId})`;
  check(header.selection.set?.has(anchor.streamId), `${where}: not a selected stream`);
  check(!streams.has(anchor.streamId), `${where}: a second anchor`);
  check(isCount(anchor.version) && anchor.version >= 1, `${where}: no version`);
  check(isHex64(anchor.hash), `${where}: hash is not a SHA-256`);
  streams.set(anchor.streamId, {
    version: anchor.version,
    hash: anchor.hash,
    position: 0,
    linked: false,
    proven: false,
  });
}

function checkEvent(e, header, streams, at) {
  const where = `${at} (stream ${e.streamId}, version ${e.version})`;
  check(
    typeof e.streamId === 'string' && isCount(e.version) && e.version >= 1,
    `${at}: an event without stream or version`,
  );
  check(
    isCount(e.position) && e.position <= header.digest.position,
    `${where}: position ${e.position} is beyond the digest`,
  );
  const { selection } = header;
  if (selection.set) check(selection.set.has(e.streamId), `${where}: not a selected stream`);
  else {
    const recorded = Date.parse(e.recordedAt);
    check(
      recorded >= Date.parse(selection.from) && recorded < Date.parse(selection.to),
      `${where}: recorded outside the selected time range`,
    );
  }
  const stream = streams.get(e.streamId);
  if (stream) {
    check(!stream.linked, `${where}: an event after the stream's links`);
    check(e.version === stream.version + 1, `${where}: expected version ${stream.version + 1}`);
    check(e.prevHash === stream.hash, `${where}: prevHash is not the previous event's hash`);
    check(e.position > stream.position, `${where}: position does not follow the previous event's`);
  } else {
    if (selection.set)
      check(e.version === 1, `${where}: the stream's history does not start at version 1`);
    if (e.version === 1)
      check(e.prevHash === GENESIS, `${where}: the first event's prevHash is not 64 zeros`);
    check(isHex64(e.prevHash), `${where}: prevHash is not a SHA-256`);
  }
  check(
    e.data !== null && typeof e.data === 'object' && !Array.isArray(e.data),
    `${where}: data is not an object`,
  );
  check(
    e.metadata !== null && typeof e.metadata === 'object' && !Array.isArray(e.metadata),
    `${where}: metadata is not an object`,
  );
  const hash = chainHash(e.prevHash, e.version, e.occurredAt, e.recordedAt, contentHash(e));
  check(hash === e.hash, `${where}: the hash does not match the event's content`);
  streams.set(e.streamId, {
    version: e.version,
    hash,
    position: e.position,
    linked: false,
    proven: false,
  });
}

function checkLink(link, streams, at) {
  const stream = streams.get(link.streamId);
  const where = `${at} (stream ${link.streamId}, version ${link.version})`;
  check(stream !== undefined, `${where}: a link for a stream with no events in the file`);
  check(link.version === stream.version + 1, `${where}: expected version ${stream.version + 1}`);
  check(isHex64(link.contentHash), `${where}: contentHash is not a SHA-256`);
  const hash = chainHash(
    stream.hash,
    link.version,
    link.occurredAt,
    link.recordedAt,
    link.contentHash,
  );
  check(hash === link.hash, `${where}: the link's hash does not follow from the chain`);
  Object.assign(stream, { version: link.version, hash, linked: true });
}

function checkProof(proof, header, streams, at) {
  const stream = streams.get(proof.streamId);
  const where = `${at} (proof of stream ${proof.streamId})`;
  check(stream !== undefined, `${where}: a proof for a stream with no events in the file`);
  check(!stream.proven, `${where}: a second proof`);
  check(
    proof.version === stream.version && proof.hash === stream.hash,
    `${where}: the proven head is not the end of the stream's chain (version ${stream.version})`,
  );
  check(Array.isArray(proof.path), `${where}: no path`);
  let hash = leafHash(proof.streamId, proof.version, proof.hash);
  for (const step of proof.path) {
    check(
      step && isHex64(step.hash) && (step.side === 'left' || step.side === 'right'),
      `${where}: a malformed step`,
    );
    hash = step.side === 'left' ? nodeHash(step.hash, hash) : nodeHash(hash, step.hash);
  }
  check(hash === header.digest.root, `${where}: the path does not lead to the digest root`);
  stream.proven = true;
}
