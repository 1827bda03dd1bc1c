import { damaged } from './errors';
import { END_OF_DATA } from './format';

/** `\n\.\n`: the end of a section that holds rows. */
const ROWS_END = Buffer.from('\n\\.\n');
/** Header and manifest lines are JSON of modest size; anything longer is not a backup. */
const MAX_LINE = 64 * 1024 * 1024;

/** Reads a backup's lines and sections from its decompressed bytes, holding one chunk at a time. */
export class BackupReader {
  private buffer: Buffer = Buffer.alloc(0);
  private ended = false;
  private readonly source: AsyncIterator<Buffer>;

  constructor(bytes: AsyncIterable<Buffer>) {
    this.source = bytes[Symbol.asyncIterator]();
  }

  /** The next line, without its newline; null at the end of the file. */
  async line(): Promise<string | null> {
    for (;;) {
      const end = this.buffer.indexOf(0x0a);
      if (end !== -1) {
        const text = this.buffer.subarray(0, end).toString('utf8');
        this.buffer = this.buffer.subarray(end + 1);
        return text;
      }
      if (this.buffer.length > MAX_LINE) throw damaged('a header line is too long');
      if (!(await this.more())) {
        if (this.buffer.length > 0) throw damaged('the file ends inside a line');
        return null;
      }
    }
  }

  /** A section's COPY text, in pieces, up to (not including) its `\.` line. */
  async *rows(): AsyncGenerator<Buffer> {
    while (this.buffer.length < END_OF_DATA.length) await this.require();
    if (this.buffer.subarray(0, END_OF_DATA.length).equals(END_OF_DATA)) {
      this.buffer = this.buffer.subarray(END_OF_DATA.length);
      return;
    }
    for (;;) {
      const end = this.buffer.indexOf(ROWS_END);
      if (end !== -1) {
        const last = this.buffer.subarray(0, end + 1);
        this.buffer = this.buffer.subarray(end + ROWS_END.length);
        yield last;
        return;
      }
      // The last three bytes could begin the end marker: keep them for the next search.
      const keep = ROWS_END.length - 1;
      if (this.buffer.length > keep) {
        const piece = this.buffer.subarray(0, this.buffer.length - keep);
        this.buffer = this.buffer.subarray(this.buffer.length - keep);
        yield piece;
      }
      await this.require();
    }
  }

  private async require(): Promise<void> {
    if (!(await this.more())) throw damaged('the file ends inside a table');
  }

  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.source.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.buffer = this.buffer.length === 0 ? next.value : Buffer.concat([this.buffer, next.value]);
    return true;
  }
}
