/*
 * Samsa's benchmark load generator, on librdkafka (Debian's librdkafka-dev).
 *
 *   loadgen produce -b HOST:PORT -t TOPIC [-p 8] [-s 1024] [-a 1] [-z none] [-n 1]
 *                   [-d 10] [-w 2] [-r RATE] [-c COUNT] [-e] [-X key=value]...
 *   loadgen consume -b HOST:PORT -t TOPIC [-p 8] [-d 10] [-w 2] [-c COUNT] [-R] [-X key=value]...
 *   loadgen create  -b HOST:PORT -t TOPIC [-p 8]      (CreateTopics, replication factor 1)
 *   loadgen version                                   (the librdkafka version)
 *
 * produce: -n producer instances (one connection each) fed round robin over -p partitions.
 * Without -r it sends as fast as the client queues allow; throughput counts records whose
 * delivery report arrived inside the measured window (after -w seconds of warm-up, for -d
 * seconds). With -r it sends on a fixed schedule: record i is due at start + i/rate, and its
 * latency is measured from that intended time, not from when the generator got round to
 * sending it, so a stalled broker cannot hide its stalls (no coordinated omission). -e also
 * consumes the topic in a second thread and measures end-to-end latency from the same
 * intended time, carried in the record value. -c stops after COUNT delivered records (prefill).
 *
 * consume: reads every partition from the beginning; -R rewinds a partition when it reaches the
 * end, so a consumer faster than the topic is long still runs for the whole window.
 *
 * Prints one JSON line with the figures. Values are built from a word list so that lz4 finds
 * some but not all repetition, and 1024 distinct values rotate so a batch never repeats one.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <librdkafka/rdkafka.h>

#define MAX_PRODUCERS 256
#define MAX_PARTITIONS 1024
#define VALUE_POOL 1024
#define STAMP_MAGIC 0x53414d53414c4154ULL /* "SAMSALAT" */

static int64_t now_us(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void sleep_us(int64_t us) {
        if (us <= 0) return;
        struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
        nanosleep(&ts, NULL);
}

static void die(const char *fmt, const char *arg) {
        fprintf(stderr, "loadgen: ");
        fprintf(stderr, fmt, arg);
        fprintf(stderr, "\n");
        exit(2);
}

/* ---- options ---- */

static const char *mode;
static const char *brokers = "127.0.0.1:9092";
static const char *topic = "bench";
static int partitions = 8;
static int value_size = 1024;
static const char *acks = "1";
static const char *compression = "none";
static int producers = 1;
static double duration_s = 10;
static double warmup_s = 2;
static double rate = 0;
static long long count = -1;
static int e2e = 0;
static long long stick = 0;
static int rewind_at_end = 0;
static const char *extra[64];
static int extra_cnt = 0;

/* ---- latency samples ---- */

typedef struct {
        int64_t *v;
        size_t n, cap;
} samples_t;

static void sample_add(samples_t *s, int64_t us) {
        if (s->n == s->cap) {
                s->cap = s->cap ? s->cap * 2 : 1 << 16;
                s->v = realloc(s->v, s->cap * sizeof(*s->v));
                if (!s->v) die("%s", "out of memory");
        }
        s->v[s->n++] = us;
}

static int cmp_i64(const void *a, const void *b) {
        int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
        return x < y ? -1 : x > y;
}

static double pct(const samples_t *s, double p) {
        if (s->n == 0) return -1;
        size_t i = (size_t)(p * (double)(s->n - 1) + 0.5);
        return (double)s->v[i] / 1000.0;
}

static void print_latency(const char *name, samples_t *s) {
        qsort(s->v, s->n, sizeof(*s->v), cmp_i64);
        printf(",\"%s\":{\"n\":%zu,\"p50\":%.3f,\"p99\":%.3f,\"p999\":%.3f,\"max\":%.3f}", name, s->n,
               pct(s, 0.5), pct(s, 0.99), pct(s, 0.999), s->n ? (double)s->v[s->n - 1] / 1000.0 : -1);
}

/* ---- shared counters (the producer side is single-threaded: reports arrive in rd_kafka_poll) ---- */

static long long delivered, delivered_bytes, failed;
static int64_t window_start, window_end; /* monotonic us */
static long long win_records, win_bytes;
static samples_t produce_lat;
static const char *first_error;

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque) {
        (void)rk;
        (void)opaque;
        if (m->err) {
                failed++;
                if (!first_error) first_error = strdup(rd_kafka_err2str(m->err));
                return;
        }
        delivered++;
        delivered_bytes += (long long)m->len;
        int64_t t = now_us();
        if (t >= window_start && t < window_end) {
                win_records++;
                win_bytes += (long long)m->len;
        }
        if (rate > 0) {
                int64_t intended = (int64_t)(intptr_t)m->_private;
                if (intended >= window_start && intended < window_end) sample_add(&produce_lat, t - intended);
        }
}

/* CPU seconds this process (every librdkafka thread included) has used so far. */
static double cpu_seconds(void) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static void set(rd_kafka_conf_t *conf, const char *k, const char *v) {
        char err[512];
        if (rd_kafka_conf_set(conf, k, v, err, sizeof(err)) != RD_KAFKA_CONF_OK) die("%s", err);
}

static void apply_extra(rd_kafka_conf_t *conf) {
        for (int i = 0; i < extra_cnt; i++) {
                char *kv = strdup(extra[i]);
                char *eq = strchr(kv, '=');
                if (!eq) die("-X wants key=value, not %s", kv);
                *eq = 0;
                set(conf, kv, eq + 1);
                free(kv);
        }
}

/* ---- values ---- */

static const char *words[] = {
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
    "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
    "uniform", "victor", "whiskey", "xray", "yankee", "zulu", "order", "customer", "amount",
    "status", "created", "updated", "region", "eu-west", "us-east", "payment", "invoice", "sku",
};

static char **make_values(int size) {
        char **pool = calloc(VALUE_POOL, sizeof(char *));
        unsigned seed = 12345;
        for (int i = 0; i < VALUE_POOL; i++) {
                char *v = malloc((size_t)size + 1);
                int at = 0;
                while (at < size) {
                        seed = seed * 1103515245u + 12345u;
                        char piece[32];
                        int n = (seed >> 16) % 3 == 0
                                    ? snprintf(piece, sizeof(piece), "%u ", (seed >> 8) % 100000)
                                    : snprintf(piece, sizeof(piece), "%s ",
                                               words[(seed >> 16) % (sizeof(words) / sizeof(*words))]);
                        for (int k = 0; k < n && at < size; k++) v[at++] = piece[k];
                }
                pool[i] = v;
        }
        return pool;
}

/* ---- end-to-end consumer thread ---- */

static volatile int consumer_run = 1;
/* Partitions the end-to-end consumer has reached the end of at least once: it is in position. */
static volatile int consumer_ready = 0;
static samples_t e2e_lat;
static long long e2e_seen;

static rd_kafka_t *new_consumer(rd_kafka_topic_t **rkt, rd_kafka_queue_t **q) {
        char err[512];
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        set(conf, "bootstrap.servers", brokers);
        set(conf, "enable.partition.eof", "true");
        set(conf, "queued.min.messages", "100000");
        set(conf, "fetch.wait.max.ms", "100");
        apply_extra(conf);
        rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof(err));
        if (!rk) die("%s", err);
        *rkt = rd_kafka_topic_new(rk, topic, NULL);
        *q = rd_kafka_queue_new(rk);
        for (int p = 0; p < partitions; p++)
                if (rd_kafka_consume_start_queue(*rkt, p, RD_KAFKA_OFFSET_BEGINNING, *q) == -1)
                        die("consume_start failed: %s", rd_kafka_err2str(rd_kafka_last_error()));
        return rk;
}

static char e2e_at_end[MAX_PARTITIONS];

/* Called for every record as soon as librdkafka has it (consume_batch_queue would wait to fill
 * its batch, adding its own delay to the measurement). */
static void on_e2e_record(rd_kafka_message_t *m, void *opaque) {
        (void)opaque;
        int64_t t = now_us();
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF && m->partition < MAX_PARTITIONS && !e2e_at_end[m->partition]) {
                e2e_at_end[m->partition] = 1;
                __sync_fetch_and_add(&consumer_ready, 1);
        }
        if (!m->err && m->len >= 16) {
                uint64_t magic;
                int64_t intended;
                memcpy(&magic, m->payload, 8);
                memcpy(&intended, (char *)m->payload + 8, 8);
                if (magic == STAMP_MAGIC) {
                        e2e_seen++;
                        if (intended >= window_start && intended < window_end) sample_add(&e2e_lat, t - intended);
                }
        }
}

static void *e2e_thread(void *arg) {
        (void)arg;
        rd_kafka_topic_t *rkt;
        rd_kafka_queue_t *q;
        rd_kafka_t *rk = new_consumer(&rkt, &q);
        while (consumer_run) rd_kafka_consume_callback_queue(q, 100, on_e2e_record, NULL);
        for (int p = 0; p < partitions; p++) rd_kafka_consume_stop(rkt, p);
        rd_kafka_queue_destroy(q);
        rd_kafka_topic_destroy(rkt);
        rd_kafka_destroy(rk);
        return NULL;
}

/* ---- produce ---- */

static int run_produce(void) {
        char err[512];
        rd_kafka_t *rk[MAX_PRODUCERS];
        rd_kafka_topic_t *rkt[MAX_PRODUCERS];
        char **values = make_values(value_size);
        char *stamped = malloc((size_t)value_size + 16);

        for (int i = 0; i < producers; i++) {
                rd_kafka_conf_t *conf = rd_kafka_conf_new();
                set(conf, "bootstrap.servers", brokers);
                set(conf, "acks", acks);
                set(conf, "compression.codec", compression);
                set(conf, "linger.ms", rate > 0 ? "1" : "5");
                set(conf, "queue.buffering.max.messages", "1000000");
                set(conf, "queue.buffering.max.kbytes", "1048576");
                set(conf, "enable.idempotence", "false");
                apply_extra(conf);
                rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
                rk[i] = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof(err));
                if (!rk[i]) die("%s", err);
                rkt[i] = rd_kafka_topic_new(rk[i], topic, NULL);
        }

        /* Wait until every producer knows the topic, so connection setup is not measured. */
        int tries = 0;
        for (int i = 0; i < producers; i++) {
                const struct rd_kafka_metadata *md;
                while (rd_kafka_metadata(rk[i], 0, rkt[i], &md, 5000) != RD_KAFKA_RESP_ERR_NO_ERROR) {
                        if (++tries == 10) die("%s", "no metadata from the broker");
                }
                int ok = md->topic_cnt == 1 && md->topics[0].err == 0 && md->topics[0].partition_cnt >= partitions;
                rd_kafka_metadata_destroy(md);
                if (!ok) {
                        if (++tries == 50) die("topic %s not available with enough partitions", topic);
                        sleep_us(100000);
                        i--;
                }
        }

        /* The end-to-end consumer must be in position before the schedule starts, or its own
         * start-up would count as latency. */
        pthread_t consumer;
        if (e2e) {
                window_start = window_end = INT64_MAX;
                pthread_create(&consumer, NULL, e2e_thread, NULL);
                int64_t give_up = now_us() + 30000000;
                while (consumer_ready < partitions && now_us() < give_up) sleep_us(10000);
                if (consumer_ready < partitions) die("%s", "the end-to-end consumer did not reach the end of every partition");
        }

        int64_t start = now_us();
        window_start = start + (int64_t)(warmup_s * 1e6);
        window_end = window_start + (int64_t)(duration_s * 1e6);
        if (count >= 0) window_start = start, window_end = INT64_MAX;
        double interval = rate > 0 ? 1e6 / rate : 0;
        long long sent = 0;
        int64_t t = start;
        int queue_full = 0;
        for (;;) {
                if ((sent & 255) == 0 || rate > 0 || queue_full) {
                        queue_full = 0;
                        t = now_us();
                        if (count < 0 && t >= window_end) break;
                        for (int i = 0; i < producers; i++) rd_kafka_poll(rk[i], 0);
                }
                if (count >= 0 && sent >= count) break;
                /* At a fixed rate, send every record that is due (a burst after a stall), then sleep. */
                long long due = rate > 0 ? (long long)((double)(t - start) / interval) + 1 : sent + 1;
                if (sent >= due) {
                        int64_t wait = start + (int64_t)((double)sent * interval) - t;
                        sleep_us(wait > 1000 ? 1000 : wait);
                        continue;
                }
                while (sent < due) {
                        int64_t intended = rate > 0 ? start + (int64_t)((double)sent * interval) : t;
                        int i = (int)(sent % producers);
                        /* -k 0 (the default) leaves the choice to librdkafka's sticky partitioner for keyless records. */
                        int part = stick > 0 ? (int)((sent / producers / stick) % partitions) : RD_KAFKA_PARTITION_UA;
                        void *payload = values[sent % VALUE_POOL];
                        int flags = 0;
                        if (rate > 0) {
                                uint64_t magic = STAMP_MAGIC;
                                memcpy(stamped, payload, (size_t)value_size);
                                if (value_size >= 16) {
                                        memcpy(stamped, &magic, 8);
                                        memcpy(stamped + 8, &intended, 8);
                                }
                                payload = stamped;
                                flags = RD_KAFKA_MSG_F_COPY;
                        }
                        if (rd_kafka_produce(rkt[i], part, flags, payload, (size_t)value_size, NULL, 0,
                                             (void *)(intptr_t)intended) == -1) {
                                rd_kafka_resp_err_t e = rd_kafka_last_error();
                                if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL) die("produce failed: %s", rd_kafka_err2str(e));
                                rd_kafka_poll(rk[i], 1);
                                queue_full = 1;
                                break;
                        }
                        sent++;
                        if (rate > 0 && (sent & 63) == 0)
                                for (int k = 0; k < producers; k++) rd_kafka_poll(rk[k], 0);
                }
        }
        int64_t stopped = now_us();
        if (count >= 0) {
                for (int i = 0; i < producers; i++) rd_kafka_flush(rk[i], 120000);
                stopped = now_us();
                win_records = delivered;
                win_bytes = delivered_bytes;
        } else if (rate > 0) {
                /* Let the last records of the window be acknowledged (and consumed) too. */
                for (int i = 0; i < producers; i++) rd_kafka_flush(rk[i], 10000);
                if (e2e) sleep_us(500000);
        }
        double secs = count >= 0 ? (double)(stopped - start) / 1e6 : duration_s;
        if (e2e) {
                consumer_run = 0;
                pthread_join(consumer, NULL);
        }
        printf("{\"mode\":\"produce\",\"records\":%lld,\"bytes\":%lld,\"seconds\":%.3f,\"rps\":%.1f,\"mbps\":%.3f,"
               "\"sent\":%lld,\"delivered\":%lld,\"failed\":%lld",
               win_records, win_bytes, secs, (double)win_records / secs, (double)win_bytes / secs / 1e6, sent,
               delivered, failed);
        if (first_error) printf(",\"error\":\"%s\"", first_error);
        if (rate > 0) {
                printf(",\"rate\":%.1f", rate);
                print_latency("produceLatencyMs", &produce_lat);
        }
        if (e2e) {
                printf(",\"e2eSeen\":%lld", e2e_seen);
                print_latency("endToEndLatencyMs", &e2e_lat);
        }
        printf(",\"totalBytes\":%lld,\"clientCpuSeconds\":%.3f}\n", delivered_bytes, cpu_seconds());
        fflush(stdout);
        /* Skip the orderly teardown of many client instances: the numbers are out. */
        _exit(failed > 0 && win_records == 0 ? 1 : 0);
}

/* ---- consume ---- */

static int run_consume(void) {
        rd_kafka_topic_t *rkt;
        rd_kafka_queue_t *q;
        rd_kafka_t *rk = new_consumer(&rkt, &q);
        (void)rk;
        rd_kafka_message_t *batch[10000];
        int64_t start = now_us();
        window_start = start + (int64_t)(warmup_s * 1e6);
        window_end = window_start + (int64_t)(duration_s * 1e6);
        long long total = 0, total_bytes = 0, rewinds = 0, errors = 0;
        int eof[MAX_PARTITIONS] = {0};
        int at_end = 0;
        const char *last_err = NULL;
        for (;;) {
                int64_t t = now_us();
                if (count < 0 && t >= window_end) break;
                if (count >= 0 && total >= count) break;
                if (count >= 0 && at_end == partitions) break;
                ssize_t n = rd_kafka_consume_batch_queue(q, 100, batch, 10000);
                t = now_us();
                for (ssize_t i = 0; i < n; i++) {
                        rd_kafka_message_t *m = batch[i];
                        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                                if (rewind_at_end) {
                                        rd_kafka_seek(rkt, m->partition, RD_KAFKA_OFFSET_BEGINNING, 0);
                                        rewinds++;
                                } else if (m->partition < MAX_PARTITIONS && !eof[m->partition]) {
                                        eof[m->partition] = 1;
                                        at_end++;
                                }
                        } else if (m->err) {
                                errors++;
                                last_err = rd_kafka_err2str(m->err);
                        } else {
                                total++;
                                total_bytes += (long long)m->len;
                                if (t >= window_start && t < window_end) {
                                        win_records++;
                                        win_bytes += (long long)m->len;
                                }
                                if (count >= 0) {
                                        win_records = total;
                                        win_bytes += (long long)m->len;
                                }
                        }
                        rd_kafka_message_destroy(m);
                }
        }
        double secs = count >= 0 ? (double)(now_us() - start) / 1e6 : duration_s;
        printf("{\"mode\":\"consume\",\"records\":%lld,\"bytes\":%lld,\"seconds\":%.3f,\"rps\":%.1f,\"mbps\":%.3f,"
               "\"total\":%lld,\"rewinds\":%lld,\"errors\":%lld",
               win_records, win_bytes, secs, (double)win_records / secs, (double)win_bytes / secs / 1e6, total,
               rewinds, errors);
        if (last_err) printf(",\"error\":\"%s\"", last_err);
        printf(",\"totalBytes\":%lld,\"clientCpuSeconds\":%.3f}\n", total_bytes, cpu_seconds());
        fflush(stdout);
        _exit(win_records == 0 ? 1 : 0);
}

/* ---- create ---- */

static int run_create(void) {
        char err[512];
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        set(conf, "bootstrap.servers", brokers);
        apply_extra(conf);
        rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof(err));
        if (!rk) die("%s", err);
        rd_kafka_NewTopic_t *nt = rd_kafka_NewTopic_new(topic, partitions, 1, err, sizeof(err));
        if (!nt) die("%s", err);
        rd_kafka_queue_t *q = rd_kafka_queue_new(rk);
        rd_kafka_AdminOptions_t *opts = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS);
        rd_kafka_AdminOptions_set_operation_timeout(opts, 60000, err, sizeof(err));
        rd_kafka_AdminOptions_set_request_timeout(opts, 60000, err, sizeof(err));
        rd_kafka_CreateTopics(rk, &nt, 1, opts, q);
        rd_kafka_event_t *ev = rd_kafka_queue_poll(q, 120000);
        if (!ev) die("%s", "CreateTopics timed out");
        if (rd_kafka_event_error(ev)) die("CreateTopics: %s", rd_kafka_event_error_string(ev));
        const rd_kafka_CreateTopics_result_t *res = rd_kafka_event_CreateTopics_result(ev);
        size_t n;
        const rd_kafka_topic_result_t **tr = rd_kafka_CreateTopics_result_topics(res, &n);
        if (n != 1 || rd_kafka_topic_result_error(tr[0])) die("CreateTopics: %s", n ? rd_kafka_topic_result_error_string(tr[0]) : "no result");
        printf("{\"mode\":\"create\",\"topic\":\"%s\",\"partitions\":%d}\n", topic, partitions);
        fflush(stdout);
        _exit(0);
}

int main(int argc, char **argv) {
        if (argc < 2) {
                fprintf(stderr, "usage: loadgen produce|consume -b brokers -t topic [options] (see the source)\n");
                return 2;
        }
        mode = argv[1];
        int opt;
        optind = 2;
        while ((opt = getopt(argc, argv, "b:t:p:s:a:z:n:d:w:r:c:eRX:k:")) != -1) {
                switch (opt) {
                case 'b': brokers = optarg; break;
                case 't': topic = optarg; break;
                case 'p': partitions = atoi(optarg); break;
                case 's': value_size = atoi(optarg); break;
                case 'a': acks = optarg; break;
                case 'z': compression = optarg; break;
                case 'n': producers = atoi(optarg); break;
                case 'd': duration_s = atof(optarg); break;
                case 'w': warmup_s = atof(optarg); break;
                case 'r': rate = atof(optarg); break;
                case 'c': count = atoll(optarg); break;
                case 'e': e2e = 1; break;
                case 'k': stick = atoll(optarg); break;
                case 'R': rewind_at_end = 1; break;
                case 'X':
                        if (extra_cnt < 64) extra[extra_cnt++] = optarg;
                        break;
                default: return 2;
                }
        }
        if (partitions < 1 || partitions > MAX_PARTITIONS) die("%s", "bad -p");
        if (producers < 1 || producers > MAX_PRODUCERS) die("%s", "bad -n");
        if (value_size < 1) die("%s", "bad -s");
        signal(SIGPIPE, SIG_IGN);
        if (!strcmp(mode, "produce")) return run_produce();
        if (!strcmp(mode, "consume")) return run_consume();
        if (!strcmp(mode, "create")) return run_create();
        if (!strcmp(mode, "version")) {
                printf("%s\n", rd_kafka_version_str());
                return 0;
        }
        die("unknown mode %s", mode);
        return 2;
}
