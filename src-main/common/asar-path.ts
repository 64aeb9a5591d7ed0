/**
 * The real file behind a path inside the packaged app's asar archive. Electron reads files in
 * `app.asar` for our own code, but another process cannot: ffmpeg runs from, and reads the
 * watermark from, `app.asar.unpacked` (electron-builder.config.cjs unpacks both). Outside a
 * package the path is returned as it is.
 */
export function asarUnpackedPath(file: string): string {
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2')
}
