/**
 * One server frame that goes to many connections as it is: its JSON text, and the whole WebSocket
 * frame that carries it (RFC 6455 §5.2: FIN, opcode 1 = text, unmasked as every server frame is,
 * then the length and the UTF-8 payload), built once on first use. A broadcast to 10,000 viewers
 * then converts, frames and copies the text once, not 10,000 times.
 */
export class SharedFrame {
  private bytes: Buffer | undefined

  constructor(readonly text: string) {}

  /** The complete frame's bytes, ready for a socket's write. */
  get wire(): Buffer {
    this.bytes ??= textFrame(this.text)
    return this.bytes
  }
}

function textFrame(text: string): Buffer {
  const length = Buffer.byteLength(text, 'utf8')
  const headerBytes = length < 126 ? 2 : length < 65_536 ? 4 : 10
  const frame = Buffer.allocUnsafe(headerBytes + length)
  frame[0] = 0x81
  if (length < 126) {
    frame[1] = length
  } else if (length < 65_536) {
    frame[1] = 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 127
    frame.writeBigUInt64BE(BigInt(length), 2)
  }
  frame.write(text, headerBytes, 'utf8')
  return frame
}
