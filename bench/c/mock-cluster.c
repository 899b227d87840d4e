/*
 * Runs librdkafka's built-in mock cluster (in memory, C) as a stand-alone broker for the
 * benchmark: `mock-cluster [topic:partitions ...]` creates the topics, prints the bootstrap
 * servers on stdout and serves until stdin closes or SIGTERM/SIGINT arrives.
 *
 * The mock keeps at most 5 MB or 100,000 batches per partition and drops the oldest beyond
 * that, so it cannot hold a large topic; the benchmark's consumers rewind at the end instead.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig) {
        (void)sig;
        stop = 1;
}

int main(int argc, char **argv) {
        char err[512];
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        /* The handle only owns the mock cluster; it never connects anywhere itself. */
        rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof(err));
        if (!rk) {
                fprintf(stderr, "mock-cluster: %s\n", err);
                return 1;
        }
        rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(rk, 1);
        if (!mc) {
                fprintf(stderr, "mock-cluster: cannot create the mock cluster\n");
                return 1;
        }
        for (int i = 1; i < argc; i++) {
                char *spec = strdup(argv[i]);
                char *colon = strrchr(spec, ':');
                int parts = colon ? atoi(colon + 1) : 1;
                if (colon) *colon = 0;
                rd_kafka_resp_err_t e = rd_kafka_mock_topic_create(mc, spec, parts, 1);
                if (e) {
                        fprintf(stderr, "mock-cluster: topic %s: %s\n", spec, rd_kafka_err2str(e));
                        return 1;
                }
                free(spec);
        }
        signal(SIGTERM, on_signal);
        signal(SIGINT, on_signal);
        printf("%s\n", rd_kafka_mock_cluster_bootstraps(mc));
        fflush(stdout);
        char buf[256];
        while (!stop && read(0, buf, sizeof(buf)) > 0) {
        }
        _exit(0);
}
