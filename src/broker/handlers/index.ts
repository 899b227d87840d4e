/** Every API this broker serves, registered once. ApiVersions advertises exactly this list. */
import { HandlerRegistry } from '../handler.js'
import { metadataHandler } from './003-metadata.js'
import { apiVersionsHandler } from './018-api-versions.js'

export function createRegistry(): HandlerRegistry {
  return new HandlerRegistry().register(
    metadataHandler,
    apiVersionsHandler,
  )
}
