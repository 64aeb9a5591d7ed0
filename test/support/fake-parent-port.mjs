// Loaded with --import into a child that the fake utilityProcess (fake-electron.ts) starts with
// Node's fork: it gives the child Electron's `process.parentPort` over Node's IPC channel, so the
// child runs the code path it takes in the desktop app (ingest-child.ts).
process.parentPort = {
  postMessage: (message) => process.send(message),
  once: (event, listener) => process.once(event, (data) => listener({ data })),
}
