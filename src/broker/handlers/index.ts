/** Every API this broker serves, registered once. ApiVersions advertises exactly this list. */
import { HandlerRegistry } from '../handler.js'
import { produceHandler } from './000-produce.js'
import { fetchHandler } from './001-fetch.js'
import { listOffsetsHandler } from './002-list-offsets.js'
import { metadataHandler } from './003-metadata.js'
import { apiVersionsHandler } from './018-api-versions.js'
import { createTopicsHandler } from './019-create-topics.js'
import { deleteTopicsHandler } from './020-delete-topics.js'
import { deleteRecordsHandler } from './021-delete-records.js'
import { initProducerIdHandler } from './022-init-producer-id.js'
import { offsetForLeaderEpochHandler } from './023-offset-for-leader-epoch.js'
import { describeLogDirsHandler } from './035-describe-log-dirs.js'
import { createPartitionsHandler } from './037-create-partitions.js'
import { describeClusterHandler } from './060-describe-cluster.js'

export function createRegistry(): HandlerRegistry {
  return new HandlerRegistry().register(
    produceHandler,
    fetchHandler,
    listOffsetsHandler,
    metadataHandler,
    apiVersionsHandler,
    createTopicsHandler,
    deleteTopicsHandler,
    deleteRecordsHandler,
    initProducerIdHandler,
    offsetForLeaderEpochHandler,
    describeLogDirsHandler,
    createPartitionsHandler,
    describeClusterHandler,
  )
}
