# The consumer from the Kafka introduction (shared/seed). The seed's loop never ends, so here it
# is bounded: consumer_timeout_ms ends it when nothing arrives for a while, and it stops once
# the number of messages the test expects (argv[2]) has arrived. auto_offset_reset="earliest"
# reads what the producer sent before the group existed. The bootstrap address is argv[1]
# instead of "localhost:9092".
import sys

BOOTSTRAP = sys.argv[1] if len(sys.argv) > 1 else "localhost:9092"
EXPECTED = int(sys.argv[2]) if len(sys.argv) > 2 else 1

# ---- seed code (plus the bounding arguments) ----
from kafka import KafkaConsumer
import json

consumer = KafkaConsumer(
    "user_created",
    bootstrap_servers=BOOTSTRAP,
    value_deserializer=lambda m: json.loads(m.decode("utf-8")),
    group_id="user-group",
    auto_offset_reset="earliest",
    consumer_timeout_ms=20000,
)

seen = 0
for message in consumer:
    print(f"Partition: {message.partition}, Offset: {message.offset}")
    print(f"Message: {message.value}")
# ---- end of seed code ----
    sys.stdout.flush()
    seen += 1
    if seen >= EXPECTED:
        break

# Anything beyond what was expected is an error the test reports.
extra = consumer.poll(timeout_ms=1500)
for tp, messages in extra.items():
    for message in messages:
        print(f"EXTRA Partition: {message.partition}, Offset: {message.offset}, Message: {message.value}")
consumer.close()  # commits the group's offsets (enable_auto_commit is on by default)
print("DONE")
