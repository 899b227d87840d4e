"""kafka-python driver for the interop tests: one command per run, JSON in on stdin, JSON out.

Commands: create-topic, produce, consume (assign mode, no group), offsets. Keys, values and
header values travel base64-encoded so any bytes survive.
"""
import base64
import json
import sys
import time

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import NewTopic


def b64(data):
    return None if data is None else base64.b64encode(data).decode("ascii")


def unb64(text):
    return None if text is None else base64.b64decode(text)


def create_topic(req):
    admin = KafkaAdminClient(bootstrap_servers=req["bootstrap"], client_id="samsa-interop")
    admin.create_topics([NewTopic(name=req["topic"], num_partitions=req["partitions"], replication_factor=1)])
    admin.close()
    return {"created": req["topic"]}


def produce(req):
    compression = req.get("compression")
    producer = KafkaProducer(
        bootstrap_servers=req["bootstrap"],
        acks=1,
        compression_type=None if compression in (None, "none") else compression,
        linger_ms=50,
        batch_size=256 * 1024,
        max_request_size=8 * 1024 * 1024,
    )
    futures = []
    for r in req["records"]:
        headers = [(k, unb64(v)) for k, v in r["headers"]]
        futures.append(producer.send(req["topic"], key=unb64(r["key"]), value=unb64(r["value"]), partition=r["partition"], headers=headers, timestamp_ms=r.get("timestamp")))
    producer.flush()
    acks = []
    for f in futures:
        m = f.get(timeout=30)
        acks.append({"partition": m.partition, "offset": m.offset, "timestamp": m.timestamp})
    producer.close()
    return {"acks": acks}


def consumer_for(req):
    return KafkaConsumer(
        bootstrap_servers=req["bootstrap"],
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        fetch_max_bytes=8 * 1024 * 1024,
        max_partition_fetch_bytes=8 * 1024 * 1024,
    )


def consume(req):
    consumer = consumer_for(req)
    tps = [TopicPartition(req["topic"], p) for p in range(req["partitions"])]
    consumer.assign(tps)
    consumer.seek_to_beginning(*tps)
    ends = consumer.end_offsets(tps)
    out = []
    deadline = time.time() + req.get("timeout", 30)
    while any(consumer.position(tp) < ends[tp] for tp in tps):
        if time.time() > deadline:
            raise SystemExit("consume timed out at positions %s, end offsets %s" % ({tp.partition: consumer.position(tp) for tp in tps}, {tp.partition: o for tp, o in ends.items()}))
        for tp, messages in consumer.poll(timeout_ms=500).items():
            for m in messages:
                out.append({
                    "partition": m.partition, "offset": m.offset, "timestamp": m.timestamp,
                    "key": b64(m.key), "value": b64(m.value),
                    "headers": [[k, b64(v)] for k, v in (m.headers or [])],
                })
    consumer.close()
    return {"records": out}


def offsets(req):
    consumer = consumer_for(req)
    tps = [TopicPartition(req["topic"], p) for p in range(req["partitions"])]
    begin = consumer.beginning_offsets(tps)
    end = consumer.end_offsets(tps)
    times = consumer.offsets_for_times({TopicPartition(req["topic"], int(p)): ts for p, ts in req.get("times", {}).items()})
    consumer.close()
    return {
        "earliest": {tp.partition: o for tp, o in begin.items()},
        "latest": {tp.partition: o for tp, o in end.items()},
        "times": {tp.partition: (None if o is None else {"offset": o.offset, "timestamp": o.timestamp}) for tp, o in times.items()},
    }


COMMANDS = {"create-topic": create_topic, "produce": produce, "consume": consume, "offsets": offsets}

if __name__ == "__main__":
    request = json.load(sys.stdin)
    print(json.dumps(COMMANDS[sys.argv[1]](request)))
