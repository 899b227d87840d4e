/**
 * Compression codecs for tests: decompression of every Kafka codec (to read back what clients
 * produced, independent of any client) and the codec objects kafkajs needs registered before it
 * can produce or consume snappy, lz4 or zstd.
 *
 * snappy comes from kafkajs-snappy (a devDependency); lz4 frames and zstd from the prebuilt
 * packages Samsa uses, called directly (lz4-napi's own frame functions, not Samsa's block-wise
 * reader). When one is missing, `loadCodecs()` says which, so a test can skip locally and fail in CI.
 */
import { createRequire } from 'node:module'
import { gunzipSync } from 'node:zlib'
import type { Decompress } from './records.js'

const require = createRequire(import.meta.url)

/** The shape kafkajs expects from a codec factory's product. */
export interface KafkajsCodec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>
  decompress(buffer: Buffer): Promise<Buffer>
}

export interface Codecs {
  snappy: KafkajsCodec
  lz4: KafkajsCodec
  zstd: KafkajsCodec
  /** Decompresses any Kafka codec (0-4). */
  decompress: Decompress
}

let loaded: { codecs: Codecs; why: null } | { codecs: null; why: string } | undefined

export function loadCodecs(): { codecs: Codecs; why: null } | { codecs: null; why: string } {
  if (loaded !== undefined) return loaded
  try {
    const snappy = (require('kafkajs-snappy') as () => KafkajsCodec)()
    const lz4napi = require('lz4-napi') as { compressFrameSync(b: Buffer): Buffer; decompressFrameSync(b: Buffer): Buffer }
    const lz4: KafkajsCodec = {
      async compress(encoder) {
        return lz4napi.compressFrameSync(encoder.buffer)
      },
      async decompress(buffer) {
        return lz4napi.decompressFrameSync(buffer)
      },
    }
    const { Encoder, Decoder } = require('@toondepauw/node-zstd') as typeof import('@toondepauw/node-zstd')
    const encoder = new Encoder(3)
    const decoder = new Decoder()
    const zstd: KafkajsCodec = {
      async compress(e) {
        return encoder.encodeSync(e.buffer)
      },
      async decompress(buffer) {
        return decoder.decodeSync(buffer)
      },
    }
    const decompress: Decompress = async (codec, data) => {
      switch (codec) {
        case 0:
          return data
        case 1:
          return gunzipSync(data)
        case 2:
          return snappy.decompress(data)
        case 3:
          return lz4.decompress(data)
        case 4:
          return zstd.decompress(data)
        default:
          throw new Error(`unknown compression codec ${codec}`)
      }
    }
    loaded = { codecs: { snappy, lz4, zstd, decompress }, why: null }
  } catch (err) {
    loaded = { codecs: null, why: `codec packages unavailable (kafkajs-snappy, lz4-napi, @toondepauw/node-zstd): ${(err as Error).message.split('\n')[0]}` }
  }
  return loaded
}
