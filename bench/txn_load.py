"""Load generator of bench/transactions.ts: confluent-kafka-python (librdkafka) producing
--seconds of --size-byte records to --topic, either idempotent (--txn 0) or in transactions of
--txn records (begin, produce, commit), one after another. Prints one JSON line: records sent,
seconds, and for transactions the commit latencies (ms)."""
import argparse
import json
import time

from confluent_kafka import Producer

ap = argparse.ArgumentParser()
ap.add_argument("--bootstrap", required=True)
ap.add_argument("--topic", required=True)
ap.add_argument("--txn", type=int, default=0)
ap.add_argument("--size", type=int, default=1024)
ap.add_argument("--seconds", type=float, default=10)
ap.add_argument("--id", default="bench")
a = ap.parse_args()

conf = {"bootstrap.servers": a.bootstrap, "enable.idempotence": True, "linger.ms": 5, "batch.num.messages": 10000, "queue.buffering.max.messages": 1000000}
if a.txn > 0:
    conf["transactional.id"] = a.id
p = Producer(conf)
if a.txn > 0:
    p.init_transactions(30)
value = b"x" * a.size
sent = 0
commits = []
errors = []


def report(err, msg):
    if err is not None:
        errors.append(str(err))


start = time.time()
deadline = start + a.seconds
while time.time() < deadline:
    if a.txn > 0:
        p.begin_transaction()
        for _ in range(a.txn):
            while True:
                try:
                    p.produce(a.topic, value=value, on_delivery=report)
                    break
                except BufferError:
                    p.poll(0.01)
        t0 = time.time()
        p.commit_transaction(30)
        commits.append((time.time() - t0) * 1000)
        sent += a.txn
    else:
        for _ in range(1000):
            while True:
                try:
                    p.produce(a.topic, value=value, on_delivery=report)
                    break
                except BufferError:
                    p.poll(0.01)
        p.poll(0)
        sent += 1000
p.flush(60)
elapsed = time.time() - start
if errors:
    raise SystemExit("delivery errors: %s" % errors[:3])
commits.sort()
pct = lambda q: commits[min(len(commits) - 1, int(q * len(commits)))] if commits else None
print(json.dumps({"records": sent, "seconds": elapsed, "transactions": len(commits), "commitP50": pct(0.5), "commitP99": pct(0.99)}))
