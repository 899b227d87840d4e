/*
 * Stand-ins for the few librdkafka-internal helpers that librdkafka's example program
 * rdkafka_performance.c (shipped by Debian's librdkafka-dev) uses, so the benchmark can build it
 * against the installed library: a microsecond monotonic clock and three macros.
 */
#ifndef SAMSA_BENCH_RDCOMPAT_H
#define SAMSA_BENCH_RDCOMPAT_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

typedef int64_t rd_ts_t;

#define rd_snprintf snprintf
#define RD_MIN(a, b) ((a) < (b) ? (a) : (b))
#define RD_MAX(a, b) ((a) > (b) ? (a) : (b))

static inline rd_ts_t rd_clock(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (rd_ts_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}
#endif
