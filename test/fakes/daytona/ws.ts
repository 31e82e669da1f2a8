import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** The server side of one WebSocket (RFC 6455), just enough to stream logs: send binary frames, close. */
export interface FakeWebSocket {
  send(data: Buffer): void;
  close(code?: number): void;
  /** Drops the TCP connection without a close frame: the client sees code 1006. */
  destroy(): void;
  readonly closed: boolean;
}

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export function acceptWebSocket(req: IncomingMessage, socket: Duplex): FakeWebSocket | undefined {
  const key = req.headers['sec-websocket-key'];
  if (typeof key !== 'string') return undefined;
  const accept = createHash('sha1')
    .update(key + GUID)
    .digest('base64');
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  (socket as { setNoDelay?: (v: boolean) => void }).setNoDelay?.(true);
  let closed = false;
  socket.on('error', () => {
    closed = true;
  });
  socket.on('close', () => {
    closed = true;
  });
  // Client frames (pings, the close reply) are read and ignored.
  socket.on('data', () => undefined);
  return {
    get closed() {
      return closed;
    },
    send(data) {
      if (closed) return;
      socket.write(frame(0x2, data));
    },
    close(code = 1000) {
      if (closed) return;
      closed = true;
      const payload = Buffer.alloc(2);
      payload.writeUInt16BE(code);
      socket.end(frame(0x8, payload));
      setTimeout(() => socket.destroy(), 1_000).unref();
    },
    destroy() {
      if (closed) return;
      closed = true;
      socket.destroy();
    },
  };
}

function frame(opcode: number, payload: Buffer): Buffer {
  let header: Buffer;
  if (payload.length < 126) {
    header = Buffer.from([0x80 | opcode, payload.length]);
  } else if (payload.length < 65_536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(payload.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  return Buffer.concat([header, payload]);
}
