// DeleteTopics v1-6: by name, or by topic id from v6. Every broker removes the topic's partitions
// and their directories; the answer waits (up to the request's timeout) until this broker no
// longer knows the topic. In ZooKeeper mode only the controller deletes (else NOT_CONTROLLER).
import { AclOperation, authorize } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import type { DeletableTopicResult } from '../../protocol/generated/delete-topics-response.js'
import type { Input } from '../../protocol/codec-support.js'
import { ZERO_UUID } from '../../protocol/codec-support.js'
import { KafkaError } from '../../errors.js'

export const deleteTopicsHandler = defineHandler({
  key: ApiKey.DeleteTopics,
  minVersion: 1,
  maxVersion: 6,
  async handle(ctx, req) {
    const wanted =
      ctx.apiVersion >= 6
        ? req.topics.map((t) => ({ name: t.name, topicId: t.topicId }))
        : req.topicNames.map((name) => ({ name: name as string | null, topicId: ZERO_UUID }))
    const responses: Array<Input<DeletableTopicResult>> = []
    if (!ctx.admin.isController) {
      return {
        throttleTimeMs: 0,
        responses: wanted.map((w) => ({
          name: w.name,
          topicId: w.topicId,
          errorCode: ErrorCode.NOT_CONTROLLER,
          errorMessage: 'This is not the correct controller for this cluster.',
        })),
      }
    }
    for (const w of wanted) {
      const byId = (w.name === null || w.name === '') && w.topicId !== ZERO_UUID
      const state = byId ? ctx.metadata.topicById(w.topicId) : ctx.metadata.topic(w.name ?? '')
      // By id, a topic the principal may not describe is as unknown; by name, DELETE is checked first.
      if (byId && state !== undefined && !authorize(ctx, AclOperation.DESCRIBE, 'topic', state.meta.name)) {
        responses.push({ name: null, topicId: w.topicId, errorCode: ErrorCode.UNKNOWN_TOPIC_ID })
        continue
      }
      const name = state?.meta.name ?? w.name ?? ''
      if ((state !== undefined || !byId) && !authorize(ctx, AclOperation.DELETE, 'topic', name)) {
        responses.push({ name: byId ? null : w.name, topicId: w.topicId, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED })
        continue
      }
      if (state === undefined) {
        responses.push({ name: w.name, topicId: w.topicId, errorCode: byId ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION })
        continue
      }
      if (!ctx.config.values.deleteTopicEnable) {
        responses.push({ name: state.meta.name, topicId: state.meta.topicId, errorCode: ErrorCode.TOPIC_DELETION_DISABLED })
        continue
      }
      try {
        const errorCode = await ctx.admin.deleteTopic(state.meta.name, req.timeoutMs)
        responses.push({ name: state.meta.name, topicId: state.meta.topicId, errorCode })
      } catch (err) {
        // The deletion could not be recorded: nothing changed (AdminManager.deleteTopic).
        if (!(err instanceof KafkaError)) throw err
        responses.push({ name: state.meta.name, topicId: state.meta.topicId, errorCode: err.errorCode, errorMessage: err.message })
      }
    }
    return { throttleTimeMs: 0, responses }
  },
})
