import os from 'node:os'

/** This machine's IPv4 addresses on its networks (not loopback): what LAN devices can reach. */
export function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((info) => info !== undefined && info.family === 'IPv4' && !info.internal)
    .map((info) => (info as os.NetworkInterfaceInfo).address)
}

/** `url` with its host replaced by `address` (the port, path and query kept). */
export function withHost(url: string, address: string): string {
  const parsed = new URL(url)
  parsed.hostname = address
  return parsed.toString()
}
