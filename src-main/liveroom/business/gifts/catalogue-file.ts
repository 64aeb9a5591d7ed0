import fs from 'node:fs'
import path from 'node:path'
import {
  type CatalogueGift,
  type GiftCatalogue,
  GiftCatalogueFile,
  type GiftEntry,
} from '../../../../src-shared/protocol/gift-catalogue'

/**
 * Reads the gift catalogue (resources/gifts/catalogue.json) once, at start: a catalogue that does
 * not parse, or names an image that is not beside it, stops the business host with words that say
 * which gift is wrong — a broken catalogue found by the first viewer's order would bill nothing.
 */

/** Where images are served from (business-http.ts), e.g. `/business/gifts/images/rose.svg`. */
export const GIFT_IMAGE_PATH = 'gifts/images/'

export interface LoadedCatalogue {
  /** As served to pages: images as URLs under /business/. */
  readonly served: GiftCatalogue
  /** By id, for billing. */
  readonly byId: ReadonlyMap<string, GiftEntry & { imageUrl: string }>
  /** An image's bytes and type by its file name, or undefined. */
  image(file: string): { bytes: Buffer; contentType: string } | undefined
}

/** The folder holding catalogue.json, found upwards from `fromDir` (source tree or `out/main`). */
export function findGiftCatalogueDir(fromDir: string): string | undefined {
  for (let dir = path.resolve(fromDir), depth = 0; depth < 6; depth++) {
    const candidate = path.join(dir, 'resources', 'gifts')
    if (fs.existsSync(path.join(candidate, 'catalogue.json'))) return candidate
    const parent = path.dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return undefined
}

export function loadGiftCatalogue(dir: string): LoadedCatalogue {
  const file = path.join(dir, 'catalogue.json')
  let raw: unknown
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`The gift catalogue ${file} cannot be read: ${(error as Error).message}`)
  }
  const parsed = GiftCatalogueFile.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(
      `The gift catalogue ${file} is not valid: ${issue?.path.join('.') || 'file'}: ${issue?.message}`,
    )
  }
  const images = new Map<string, { bytes: Buffer; contentType: string }>()
  const byId = new Map<string, GiftEntry & { imageUrl: string }>()
  const gifts: CatalogueGift[] = []
  for (const gift of parsed.data.gifts) {
    const imageFile = path.join(dir, gift.image)
    if (!fs.existsSync(imageFile)) {
      throw new Error(`The gift catalogue names ${gift.image} for "${gift.id}", and it is missing`)
    }
    images.set(gift.image, {
      bytes: fs.readFileSync(imageFile),
      contentType: gift.image.endsWith('.svg') ? 'image/svg+xml' : 'image/png',
    })
    const imageUrl = `/business/${GIFT_IMAGE_PATH}${gift.image}`
    byId.set(gift.id, { ...gift, imageUrl })
    const { image: _image, ...rest } = gift
    gifts.push({ ...rest, imageUrl })
  }
  return {
    served: { presets: parsed.data.presets, gifts },
    byId,
    image: (name) => images.get(name),
  }
}
