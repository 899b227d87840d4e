"""confluent-kafka-python (librdkafka) driver for the interop tests: one command per run, JSON
in on stdin, JSON out. Commands: create-topic (AdminClient), produce, consume (assign mode with
explicit start offsets, no commits), offsets (watermarks and offsets_for_times)."""
import base64
import json
import sys
import time

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition, OFFSET_BEGINNING
from confluent_kafka.admin import AdminClient, NewTopic


def b64(data):
    return None if data is None else base64.b64encode(data).decode("ascii")


def unb64(text):
    return None if text is None else base64.b64decode(text)


def create_topic(req):
    admin = AdminClient({"bootstrap.servers": req["bootstrap"]})
    futures = admin.create_topics([NewTopic(req["topic"], num_partitions=req["partitions"], replication_factor=1)], operation_timeout=10)
    for f in futures.values():
        f.result(timeout=30)
    return {"created": req["topic"]}


def produce(req):
    producer = Producer({
        "bootstrap.servers": req["bootstrap"],
        "acks": "1",
        "compression.type": req.get("compression") or "none",
        "linger.ms": 20,
        "message.max.bytes": 8 * 1024 * 1024,
    })
    acks = [None] * len(req["records"])
    errors = []

    def report(i):
        def cb(err, msg):
            if err is not None:
                errors.append("record %d: %s" % (i, err))
            else:
                acks[i] = {"partition": msg.partition(), "offset": msg.offset(), "timestamp": msg.timestamp()[1]}
        return cb

    for i, r in enumerate(req["records"]):
        headers = [(k, unb64(v)) for k, v in r["headers"]]
        producer.produce(req["topic"], key=unb64(r["key"]), value=unb64(r["value"]), partition=r["partition"], headers=headers, timestamp=r.get("timestamp", 0), on_delivery=report(i))
        producer.poll(0)
    remaining = producer.flush(30)
    if remaining or errors:
        raise SystemExit("produce failed: %d not delivered, errors %s" % (remaining, errors[:5]))
    return {"acks": acks}


def new_consumer(req):
    return Consumer({
        "bootstrap.servers": req["bootstrap"],
        "group.id": "samsa-interop-assign",
        "enable.auto.commit": False,
        "enable.partition.eof": True,
        "fetch.max.bytes": 8 * 1024 * 1024,
    })


def consume(req):
    consumer = new_consumer(req)
    partitions = list(range(req["partitions"]))
    consumer.assign([TopicPartition(req["topic"], p, OFFSET_BEGINNING) for p in partitions])
    # An empty partition reports EOF at once; a non-empty one after its last message.
    at_eof = set()
    out = []
    deadline = time.time() + req.get("timeout", 30)
    while len(at_eof) < len(partitions):
        if time.time() > deadline:
            raise SystemExit("consume timed out; partitions at EOF: %s, records: %d" % (sorted(at_eof), len(out)))
        m = consumer.poll(0.5)
        if m is None:
            continue
        if m.error() is not None:
            if m.error().code() == -191:  # _PARTITION_EOF
                at_eof.add(m.partition())
                continue
            raise SystemExit("consume error: %s" % m.error())
        at_eof.discard(m.partition())
        out.append({
            "partition": m.partition(), "offset": m.offset(), "timestamp": m.timestamp()[1],
            "key": b64(m.key()), "value": b64(m.value()),
            "headers": [[k, b64(v)] for k, v in (m.headers() or [])],
        })
    consumer.close()
    return {"records": out}


def offsets(req):
    consumer = new_consumer(req)
    earliest, latest, times = {}, {}, {}
    for p in range(req["partitions"]):
        lo, hi = consumer.get_watermark_offsets(TopicPartition(req["topic"], p), timeout=10, cached=False)
        earliest[p], latest[p] = lo, hi
    query = [TopicPartition(req["topic"], int(p), int(ts)) for p, ts in req.get("times", {}).items()]
    if query:
        for tp in consumer.offsets_for_times(query, timeout=10):
            if tp.error is not None:
                raise SystemExit("offsets_for_times: %s" % tp.error)
            times[tp.partition] = None if tp.offset < 0 else {"offset": tp.offset}
    consumer.close()
    return {"earliest": earliest, "latest": latest, "times": times}


COMMANDS = {"create-topic": create_topic, "produce": produce, "consume": consume, "offsets": offsets}

if __name__ == "__main__":
    request = json.load(sys.stdin)
    print(json.dumps(COMMANDS[sys.argv[1]](request)))
