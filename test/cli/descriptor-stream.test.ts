import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { type DescriptorCalls, DescriptorStream, type OutputStream } from '../../src/cli/streams.js';

const errno = (code: string) => Object.assign(new Error(`${code}: test, write`), { code });

/** Stand-ins for the system calls: each write takes at most `chunk` bytes, or fails as scripted. */
function fakeCalls(options: { characterDevice?: boolean; chunk?: number; failures?: (string | undefined)[] }) {
  const written: Buffer[] = [];
  const failures = [...(options.failures ?? [])];
  const calls: DescriptorCalls = {
    isCharacterDevice: () => options.characterDevice === true,
    write: (_fd, bytes) => {
      const failure = failures.shift();
      if (failure !== undefined) throw errno(failure);
      const taken = Math.min(bytes.length, options.chunk ?? bytes.length);
      written.push(Buffer.from(bytes.subarray(0, taken)));
      return taken;
    },
  };
  return { calls, text: () => Buffer.concat(written).toString('utf8') };
}

/** Node's stream, as far as the descriptor stream uses it. */
class FakeNodeStream extends EventEmitter {
  written: string[] = [];
  isTTY = true;
  columns = 123;
  write(chunk: string | Uint8Array): boolean {
    this.written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }
}

function setUp(options: Parameters<typeof fakeCalls>[0]) {
  const fake = fakeCalls(options);
  const node = new FakeNodeStream();
  let made = 0;
  const failures: { stream: OutputStream; code: string | undefined }[] = [];
  const stream = new DescriptorStream(
    1,
    () => {
      made += 1;
      return node as unknown as NodeJS.WriteStream;
    },
    (failed, error) => failures.push({ stream: failed, code: error.code }),
    fake.calls,
  );
  return { stream, node, fake, failures, made: () => made };
}

describe('DescriptorStream', () => {
  it('writes a pipe or file with system calls, without making Node’s stream', () => {
    const { stream, fake, made } = setUp({});
    expect(stream.isTTY).toBe(false);
    expect(stream.columns).toBeUndefined();
    expect(stream.write('héllo ')).toBe(true);
    stream.write('wörld\n');
    expect(fake.text()).toBe('héllo wörld\n');
    expect(made()).toBe(0);
  });

  it('finishes a partial write, splitting multi-byte characters across calls correctly', () => {
    const { stream, fake } = setUp({ chunk: 3 });
    const text = 'Ürümqi → 新疆, 10 %\n'.repeat(20);
    stream.write(text);
    expect(fake.text()).toBe(text);
  });

  it('writes a terminal (a character device) through Node’s stream, with its width', () => {
    const { stream, node, fake } = setUp({ characterDevice: true });
    expect(stream.isTTY).toBe(true);
    expect(stream.columns).toBe(123);
    stream.write('a table');
    expect(node.written).toEqual(['a table']);
    expect(fake.text()).toBe('');
  });

  it('on EAGAIN (a non-blocking descriptor) hands the rest, in order, and all later writes to Node’s stream', () => {
    const { stream, node, fake } = setUp({ chunk: 4, failures: [undefined, 'EAGAIN'] });
    stream.write('abcdefgh');
    stream.write('ij');
    expect(fake.text()).toBe('abcd');
    expect(node.written).toEqual(['efgh', 'ij']);
  });

  it('reports EPIPE and ENOSPC as failures of this stream, once per write, and stops writing that text', () => {
    const gone = setUp({ failures: ['EPIPE'] });
    gone.stream.write('lost');
    expect(gone.failures).toEqual([{ stream: gone.stream, code: 'EPIPE' }]);
    expect(gone.fake.text()).toBe('');
    const full = setUp({ failures: ['ENOSPC'] });
    full.stream.write('lost');
    expect(full.failures.map((f) => f.code)).toEqual(['ENOSPC']);
  });

  it('passes errors of Node’s stream, once made, to the same failure handler', () => {
    const { stream, node, failures } = setUp({ characterDevice: true });
    stream.write('x');
    node.emit('error', errno('EIO'));
    expect(failures).toEqual([{ stream, code: 'EIO' }]);
  });
});
