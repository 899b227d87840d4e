/** Every route of the console's JSON/SSE API, in one place. */
import type { ConsoleContext } from './context.js'
import { registerClusterApi } from './cluster-api.js'
import { registerGroupsApi } from './groups-api.js'
import { registerMessagesApi } from './messages-api.js'
import { Router } from './router.js'
import type { RateSampler } from './sampler.js'
import { registerSearchApi } from './search.js'
import { registerTailApi } from './tail.js'
import { registerTopicsApi } from './topics-api.js'
import { registerTransactionsApi } from './transactions-api.js'

export function createApiRouter(ctx: ConsoleContext, sampler: RateSampler): Router {
  const router = new Router()
  registerClusterApi(router, ctx, sampler)
  registerTopicsApi(router, ctx)
  registerMessagesApi(router, ctx)
  registerSearchApi(router, ctx)
  registerTailApi(router, ctx)
  registerGroupsApi(router, ctx)
  registerTransactionsApi(router, ctx)
  return router
}
