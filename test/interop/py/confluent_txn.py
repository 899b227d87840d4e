"""confluent-kafka-python (librdkafka) transactions for the interop tests: one scenario per run,
JSON in on stdin, JSON out. Scenarios: topics (create), commit-abort, read (a consumer of the
given isolation level reads a topic to its end), loop (consume-transform-produce with
send_offsets_to_transaction), fence (a second producer with the same transactional.id), timeout
(a transaction left open past transaction.timeout.ms)."""
import json
import sys
import time

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition, OFFSET_BEGINNING
from confluent_kafka.admin import AdminClient, NewTopic


def topics(req):
    admin = AdminClient({"bootstrap.servers": req["bootstrap"]})
    futures = admin.create_topics([NewTopic(t, num_partitions=n, replication_factor=1) for t, n in req["topics"]], operation_timeout=10)
    for f in futures.values():
        f.result(timeout=30)
    return {}


def txn_producer(req, txn_id, timeout_ms=60000):
    p = Producer({"bootstrap.servers": req["bootstrap"], "transactional.id": txn_id, "transaction.timeout.ms": timeout_ms, "linger.ms": 5})
    p.init_transactions(30)
    return p


def commit_abort(req):
    p = txn_producer(req, req["id"])
    committed = []
    for i in range(req["transactions"]):
        commit = i % 3 != 1
        p.begin_transaction()
        for partition in range(req["partitions"]):
            for j in range(3):
                v = "%s-%d-%d-%d" % ("c" if commit else "a", i, partition, j)
                p.produce(req["topic"], value=v.encode(), partition=partition)
                if commit:
                    committed.append([partition, v])
        if commit:
            p.commit_transaction(30)
        else:
            # Sent first, so the aborted records are in the log (librdkafka drops unsent ones).
            p.flush(30)
            p.abort_transaction(30)
    return {"committed": committed}


def read(req):
    c = Consumer({
        "bootstrap.servers": req["bootstrap"], "group.id": "samsa-txn-read", "enable.auto.commit": False,
        "enable.partition.eof": True, "isolation.level": req["isolation"],
    })
    partitions = list(range(req["partitions"]))
    c.assign([TopicPartition(req["topic"], p, OFFSET_BEGINNING) for p in partitions])
    at_eof, out = set(), []
    deadline = time.time() + req.get("timeout", 30)
    while len(at_eof) < len(partitions):
        if time.time() > deadline:
            raise SystemExit("read timed out at %s with %d records" % (sorted(at_eof), len(out)))
        m = c.poll(0.5)
        if m is None:
            continue
        if m.error() is not None:
            if m.error().code() == -191:
                at_eof.add(m.partition())
                continue
            raise SystemExit("read error: %s" % m.error())
        at_eof.discard(m.partition())
        out.append([m.partition(), m.offset(), m.value().decode()])
    c.close()
    return {"records": out}


def loop(req):
    """Reads req["in"] as group req["group"], writes each value + "!" to req["out"] in transactions of
    up to req["batch"] records with the consumed offsets; aborts every req["abortEvery"]-th one
    (the consumer then rewinds to its committed offsets) and stops once req["n"] were committed."""
    p = txn_producer(req, req["id"])
    c = Consumer({
        "bootstrap.servers": req["bootstrap"], "group.id": req["group"], "enable.auto.commit": False,
        "auto.offset.reset": "earliest", "isolation.level": "read_committed",
    })
    c.subscribe([req["in"]])
    done, txns, aborted = 0, 0, 0
    deadline = time.time() + 60
    while done < req["n"]:
        if time.time() > deadline:
            raise SystemExit("loop timed out after %d records" % done)
        msgs = c.consume(num_messages=req["batch"], timeout=0.5)
        msgs = [m for m in msgs if m.error() is None]
        if not msgs:
            continue
        p.begin_transaction()
        for m in msgs:
            p.produce(req["out"], key=m.key(), value=m.value() + b"!", partition=m.partition())
        positions = {}
        for m in msgs:
            positions[(m.topic(), m.partition())] = m.offset() + 1
        p.send_offsets_to_transaction([TopicPartition(t, part, o) for (t, part), o in positions.items()], c.consumer_group_metadata(), 30)
        txns += 1
        if req["abortEvery"] and txns % req["abortEvery"] == 0:
            p.abort_transaction(30)
            aborted += 1
            # Back to what the group committed: the aborted batch is read again.
            committed = c.committed([TopicPartition(t, part) for (t, part) in positions], 10)
            for tp in committed:
                c.seek(TopicPartition(tp.topic, tp.partition, tp.offset if tp.offset >= 0 else OFFSET_BEGINNING))
            continue
        p.commit_transaction(30)
        done += len(msgs)
    committed = c.committed([TopicPartition(req["in"], part) for part in range(req["partitions"])], 10)
    c.close()
    return {"done": done, "aborted": aborted, "committed": {str(tp.partition): tp.offset for tp in committed}}


def fence(req):
    first = txn_producer(req, req["id"])
    first.begin_transaction()
    first.produce(req["topic"], value=b"from-first", partition=0)
    first.flush(10)
    second = txn_producer(req, req["id"])
    error = None
    try:
        first.produce(req["topic"], value=b"late", partition=0)
        first.commit_transaction(10)
    except KafkaException as e:
        error = {"fatal": e.args[0].fatal(), "name": e.args[0].name()}
    second.begin_transaction()
    second.produce(req["topic"], value=b"from-second", partition=0)
    second.commit_transaction(30)
    return {"firstError": error}


def timeout(req):
    stuck = txn_producer(req, req["id"], 1000)
    stuck.begin_transaction()
    stuck.produce(req["topic"], value=b"never-committed", partition=0)
    stuck.flush(10)
    other = txn_producer(req, req["id"] + "-other")
    other.begin_transaction()
    other.produce(req["topic"], value=b"committed-later", partition=0)
    other.commit_transaction(30)
    time.sleep(3)
    error = None
    try:
        stuck.commit_transaction(10)
    except KafkaException as e:
        error = e.args[0].name()
    return {"stuckCommitError": error}


SCENARIOS = {"topics": topics, "commit-abort": commit_abort, "read": read, "loop": loop, "fence": fence, "timeout": timeout}

if __name__ == "__main__":
    request = json.load(sys.stdin)
    print(json.dumps(SCENARIOS[sys.argv[1]](request)))
