import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  findGiftCatalogueDir,
  loadGiftCatalogue,
} from '../../../../src-main/liveroom/business/gifts/catalogue-file'

const root = path.resolve(__dirname, '../../../..')
const temp: string[] = []
afterEach(() => {
  for (const dir of temp.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

function catalogueDir(catalogue: unknown, images: string[] = []): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-gifts-'))
  temp.push(dir)
  fs.writeFileSync(path.join(dir, 'catalogue.json'), JSON.stringify(catalogue))
  for (const image of images) fs.writeFileSync(path.join(dir, image), '<svg/>')
  return dir
}

const rose = {
  id: 'rose',
  names: { en: 'Rose', ko: '장미', 'zh-CN': '玫瑰' },
  price: 1,
  image: 'rose.svg',
  tier: 'small',
}

describe('the gift catalogue', () => {
  it('ships at least 8 gifts, named in three languages, with images beside it and the presets', () => {
    const dir = findGiftCatalogueDir(path.join(root, 'src-main/liveroom/business/gifts'))
    expect(dir).toBe(path.join(root, 'resources/gifts'))
    const catalogue = loadGiftCatalogue(dir!)
    expect(catalogue.served.gifts.length).toBeGreaterThanOrEqual(8)
    expect(catalogue.served.presets).toEqual([1, 10, 66, 99, 520])
    expect(new Set(catalogue.served.gifts.map((gift) => gift.tier))).toEqual(
      new Set(['small', 'large']),
    )
    for (const gift of catalogue.served.gifts) {
      const file = gift.imageUrl.split('/').at(-1)!
      expect(catalogue.image(file)?.bytes.toString('utf8')).toMatch(/^<svg /)
      expect(catalogue.image(file)?.contentType).toBe('image/svg+xml')
      expect(gift.imageUrl).toBe(`/business/gifts/images/${file}`)
    }
    expect(catalogue.byId.get('rose')).toMatchObject({ price: 1, names: { ko: '장미' } })
  })

  it('is found from the bundled main process too', () => {
    expect(findGiftCatalogueDir(path.join(root, 'out/main'))).toBe(
      path.join(root, 'resources/gifts'),
    )
  })

  it('refuses a catalogue whose image is missing, naming the gift', () => {
    const dir = catalogueDir({ version: 1, presets: [1], gifts: [rose] })
    expect(() => loadGiftCatalogue(dir)).toThrow(/rose\.svg for "rose", and it is missing/)
  })

  it('refuses two gifts with one id, a price of 0 and a remote image', () => {
    const twice = catalogueDir({ version: 1, presets: [1], gifts: [rose, rose] }, ['rose.svg'])
    expect(() => loadGiftCatalogue(twice)).toThrow(/two gifts share an id/)
    const free = catalogueDir({ version: 1, presets: [1], gifts: [{ ...rose, price: 0 }] })
    expect(() => loadGiftCatalogue(free)).toThrow(/gifts\.0\.price/)
    const remote = catalogueDir({
      version: 1,
      presets: [1],
      gifts: [{ ...rose, image: 'https://example.com/rose.svg' }],
    })
    expect(() => loadGiftCatalogue(remote)).toThrow(/gifts\.0\.image/)
  })

  it('says so when the file is not JSON', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-gifts-'))
    temp.push(dir)
    fs.writeFileSync(path.join(dir, 'catalogue.json'), '{')
    expect(() => loadGiftCatalogue(dir)).toThrow(/cannot be read/)
  })
})
