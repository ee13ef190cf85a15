import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small load balancer on loopback, as nginx or Caddy would sit in front of the instances: each request goes
 * to the next upstream in turn; when an upstream refuses the connection or drops it before answering (it is
 * stopping), the request is tried on the next one (nginx's proxy_next_upstream), at most once per upstream.
 */
export class RoundRobinProxy {
  private next = 0;
  /** Which upstream answered each request, in order (for the tests' and the benchmark's counts). */
  readonly served: number[] = [];

  private constructor(
    private readonly server: Server,
    readonly upstreams: string[],
  ) {}

  static async start(upstreams: string[]): Promise<RoundRobinProxy> {
    let proxy!: RoundRobinProxy;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => void proxy.forward(request.method ?? "GET", request.url ?? "/", request.headers, Buffer.concat(chunks), response));
    });
    proxy = new RoundRobinProxy(server, upstreams);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async forward(method: string, path: string, headers: Record<string, string | string[] | undefined>, body: Buffer, response: import("node:http").ServerResponse): Promise<void> {
    for (let tried = 0; tried < this.upstreams.length; tried += 1) {
      const index = this.next++ % this.upstreams.length;
      const upstream = new URL(path, this.upstreams[index]);
      const answered = await new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer } | undefined>((resolve) => {
        // A fresh connection per request (agent: false): a stopping instance refuses it instead of a kept-alive
        // socket being cut under a request it already read.
        const outgoing = httpRequest(upstream, { method, headers: { ...headers, host: upstream.host }, agent: false, timeout: 60_000 }, (incoming) => {
          const parts: Buffer[] = [];
          incoming.on("data", (chunk: Buffer) => parts.push(chunk));
          incoming.on("end", () => resolve({ status: incoming.statusCode ?? 502, headers: incoming.headers, body: Buffer.concat(parts) }));
          incoming.on("error", () => resolve(undefined));
        });
        outgoing.on("error", () => resolve(undefined));
        outgoing.on("timeout", () => outgoing.destroy());
        outgoing.end(body);
      });
      if (answered) {
        this.served.push(index);
        const { connection: _connection, "transfer-encoding": _encoding, ...passed } = answered.headers;
        response.writeHead(answered.status, passed).end(answered.body);
        return;
      }
    }
    response.writeHead(502).end();
  }
}
