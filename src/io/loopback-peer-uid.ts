import { readFile } from "node:fs/promises";
import type { Socket } from "node:net";

/**
 * The user id owning the other end of a loopback TCP connection this process
 * accepted, from Linux's /proc/net/tcp (and tcp6): the peer's socket is the
 * line whose local port is our remote port and whose remote port is our local
 * port, and its eighth column is the owner's uid. Undefined where /proc has no
 * such table (macOS, Windows) or the line is gone.
 */
export async function loopbackPeerUid(
  socket: Socket,
  readTable: (path: string) => Promise<string> = (path) => readFile(path, "utf8"),
): Promise<number | undefined> {
  const { localPort, remotePort } = socket;
  if (localPort === undefined || remotePort === undefined) return undefined;
  const wantLocal = hexPort(remotePort);
  const wantRemote = hexPort(localPort);
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const text = await readTable(table).catch(() => "");
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1]?.split(":")[1];
      const remote = fields[2]?.split(":")[1];
      if (local === wantLocal && remote === wantRemote && fields[7] !== undefined) {
        return Number(fields[7]);
      }
    }
  }
  return undefined;
}

/** True unless the peer is known to belong to another user than this process. */
export async function peerIsSameUser(socket: Socket): Promise<boolean> {
  if (process.getuid === undefined) return true;
  const uid = await loopbackPeerUid(socket);
  return uid === undefined || uid === process.getuid();
}

function hexPort(port: number): string {
  return port.toString(16).toUpperCase().padStart(4, "0");
}
