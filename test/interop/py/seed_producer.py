# The producer from the Kafka introduction (shared/seed), unchanged but for the bootstrap address,
# which the test passes as argv[1] instead of "localhost:9092".
import sys

BOOTSTRAP = sys.argv[1] if len(sys.argv) > 1 else "localhost:9092"

# ---- seed code ----
from kafka import KafkaProducer
import json

producer = KafkaProducer(
    bootstrap_servers=BOOTSTRAP,
    value_serializer=lambda v: json.dumps(v).encode("utf-8")
)

producer.send("user_created", {"id": 1, "name": "Alice"})
producer.flush()
# ---- end of seed code ----

# Beyond the seed: the test also wants the acknowledged position.
future = producer.send("user_created", {"id": 2, "name": "Bob"})
meta = future.get(timeout=30)
print(json.dumps({"acked": {"topic": meta.topic, "partition": meta.partition, "offset": meta.offset}}))
producer.close()
