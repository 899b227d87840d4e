/* Empty: rd.h has what rdkafka_performance.c takes from librdkafka's rdtime.h. */
