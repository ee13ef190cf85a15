import { createServer, Socket, type Server } from "node:net";

/**
 * A TCP proxy on loopback in front of a server (Redis in the tests) that plays its faults: `cut()` drops every
 * connection and refuses new ones (the server lost), `restore()` listens again on the same port (it is back),
 * and `delayMs` holds every chunk that long each way (a slow server).
 */
export class TcpFaultProxy {
  delayMs = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
    private port = 0,
  ) {}

  static async start(target: { host: string; port: number }, options: { down?: boolean } = {}): Promise<TcpFaultProxy> {
    const proxy = new TcpFaultProxy(target.host, target.port);
    await proxy.restore();
    if (options.down) await proxy.cut();
    return proxy;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Listens (again) on its port. */
  async restore(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => this.pipe(client));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Drops every connection and stops listening. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private pipe(client: Socket): void {
    const upstream = new Socket();
    upstream.connect(this.targetPort, this.targetHost);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    const forward = (from: Socket, to: Socket) =>
      from.on("data", (chunk: Buffer) => {
        if (this.delayMs === 0) to.write(chunk);
        else setTimeout(() => !to.destroyed && to.write(chunk), this.delayMs);
      });
    forward(client, upstream);
    forward(upstream, client);
  }
}
