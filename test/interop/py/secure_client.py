"""Produces and consumes a few records over a secured listener, with kafka-python or
confluent-kafka, configured the way each library documents it. JSON in on stdin:
{"client": "kafka-python"|"confluent", "bootstrap", "topic", "values": [...], "security": {
  "protocol", "mechanism", "username", "password", "token", "cafile", "certfile", "keyfile"}}
JSON out: {"values": [...]} or {"error": "<class>: <message>"}.
"""
import json
import sys
import time


def kafka_python(req):
    from kafka import KafkaConsumer, KafkaProducer, TopicPartition
    from kafka.oauth.abstract import AbstractTokenProvider

    s = req["security"]
    conf = {"bootstrap_servers": req["bootstrap"], "security_protocol": s["protocol"], "request_timeout_ms": 15000, "api_version_auto_timeout_ms": 10000}
    if "SSL" in s["protocol"]:
        conf["ssl_cafile"] = s["cafile"]
        if s.get("certfile"):
            conf["ssl_certfile"] = s["certfile"]
            conf["ssl_keyfile"] = s["keyfile"]
    if s["protocol"].startswith("SASL"):
        conf["sasl_mechanism"] = s["mechanism"]
        if s["mechanism"] == "OAUTHBEARER":
            class Token(AbstractTokenProvider):
                def token(self):
                    return s["token"]
            conf["sasl_oauth_token_provider"] = Token()
        else:
            conf["sasl_plain_username"] = s["username"]
            conf["sasl_plain_password"] = s["password"]
    producer = KafkaProducer(acks=1, **conf)
    for v in req["values"]:
        producer.send(req["topic"], v.encode(), partition=0).get(timeout=15)
    producer.close()
    consumer = KafkaConsumer(consumer_timeout_ms=10000, **conf)
    tp = TopicPartition(req["topic"], 0)
    consumer.assign([tp])
    consumer.seek_to_beginning(tp)
    out = []
    deadline = time.time() + 20
    while len(out) < len(req["values"]) and time.time() < deadline:
        for batch in consumer.poll(timeout_ms=1000).values():
            out.extend(m.value.decode() for m in batch)
    consumer.close()
    return {"values": out}


def confluent(req):
    from confluent_kafka import Consumer, Producer, TopicPartition

    s = req["security"]
    conf = {"bootstrap.servers": req["bootstrap"], "security.protocol": s["protocol"]}
    if "SSL" in s["protocol"]:
        conf["ssl.ca.location"] = s["cafile"]
        if s.get("certfile"):
            conf["ssl.certificate.location"] = s["certfile"]
            conf["ssl.key.location"] = s["keyfile"]
    if s["protocol"].startswith("SASL"):
        conf["sasl.mechanisms"] = s["mechanism"]
        conf["sasl.username"] = s["username"]
        conf["sasl.password"] = s["password"]
    errors = []
    conf["error_cb"] = lambda e: errors.append(e)
    p = Producer(dict(conf, **{"acks": 1, "message.timeout.ms": 15000}))
    delivered = []
    for v in req["values"]:
        p.produce(req["topic"], v.encode(), partition=0, on_delivery=lambda err, msg: delivered.append(err))
    p.flush(20)
    failed = [e for e in delivered if e is not None]
    if failed or len(delivered) < len(req["values"]):
        raise RuntimeError("delivery failed: %s %s" % (failed, [str(e) for e in errors]))
    c = Consumer(dict(conf, **{"group.id": "secure-" + req["topic"], "enable.auto.commit": False}))
    c.assign([TopicPartition(req["topic"], 0, 0)])
    out = []
    deadline = time.time() + 20
    while len(out) < len(req["values"]) and time.time() < deadline:
        m = c.poll(1.0)
        if m is not None and m.error() is None:
            out.append(m.value().decode())
    c.close()
    if not out and errors:
        raise RuntimeError(str(errors[-1]))
    return {"values": out}


def main():
    req = json.load(sys.stdin)
    try:
        res = kafka_python(req) if req["client"] == "kafka-python" else confluent(req)
    except Exception as e:  # the test asserts on the error
        res = {"error": "%s: %s" % (type(e).__name__, e)}
    print(json.dumps(res))


if __name__ == "__main__":
    main()
