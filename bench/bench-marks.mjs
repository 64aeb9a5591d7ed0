// The benchmark messages' marks: `#<id>@<send time>|padding` in a text element, found in a frame's
// text or bytes without JSON.parse, so a client that only counts stays cheap. A version 3 batch
// carries several; a `message` frame one.

export const marker = '"Text":"#'
const markerBytes = Buffer.from(marker)
const at = '@'.charCodeAt(0)
const bar = '|'.charCodeAt(0)

/** Calls `onMark(id, sentAt)` for every mark in `text`. */
export function eachMark(text, onMark) {
  let start = text.indexOf(marker)
  while (start >= 0) {
    const atIndex = text.indexOf('@', start)
    const barIndex = text.indexOf('|', atIndex)
    onMark(
      Number(text.slice(start + marker.length, atIndex)),
      Number(text.slice(atIndex + 1, barIndex)),
    )
    start = text.indexOf(marker, barIndex)
  }
}

/** Calls `onId(id)` for every mark in `bytes` (a frame's UTF-8 payload); no decoding. */
export function eachMarkId(bytes, onId) {
  let start = bytes.indexOf(markerBytes)
  while (start >= 0) {
    let id = 0
    let i = start + markerBytes.length
    for (let c = bytes[i]; c !== at; c = bytes[++i]) id = id * 10 + (c - 48)
    onId(id)
    start = bytes.indexOf(markerBytes, bytes.indexOf(bar, i))
  }
}

/** The mark of one message's text (`#<id>@<send time>|…`), or undefined. */
export function textMark(text) {
  if (!text.startsWith('#')) return undefined
  const atIndex = text.indexOf('@')
  return {
    id: Number(text.slice(1, atIndex)),
    sentAt: Number(text.slice(atIndex + 1, text.indexOf('|'))),
  }
}

/** The group-message frames of every dialect: `message` (v1, v2, bare) and `messages` (v3). */
export const messagePrefix = '{"type":"message'
