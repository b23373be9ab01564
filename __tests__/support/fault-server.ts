/**
 * Misbehaving servers on 127.0.0.1 for fault injection: raw sockets, so the faults are real
 * (a silent peer, a connection cut mid-body), not simulated inside the SDK.
 */
import net from 'node:net';
import { AddressInfo } from 'node:net';

export interface FaultServer {
  endpoint: string;
  connections: number;
  close(): Promise<void>;
}

/** Calls `onRequest` with each socket once a full request head has arrived. */
export async function startFaultServer(onRequest: (socket: net.Socket, head: string) => void): Promise<FaultServer> {
  const sockets = new Set<net.Socket>();
  const state = { connections: 0 };
  const server = net.createServer((socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let head = '';
    socket.on('data', (chunk) => {
      if (head.includes('\r\n\r\n')) return;
      head += chunk.toString('latin1');
      if (head.includes('\r\n\r\n')) onRequest(socket, head);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * One answer, closing the connection: the server ends the socket after it, and a client keeping it alive could
 * send its next attempt on a socket already closing (a failed attempt the server never saw).
 */
export function httpResponse(status: number, body: string, headers: Record<string, string> = {}): string {
  const lines = [
    `HTTP/1.1 ${status} X`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Content-Type: application/xml',
    'Connection: close',
  ];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
