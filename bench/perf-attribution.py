#!/usr/bin/env python3
"""Puts the CPU samples of one broker process into buckets by cause, as ms of CPU per MB.

    perf record -e cpu-clock -F 999 -g -p PID -o perf.data -- sleep 8   # broker run with node --perf-basic-prof
    perf script -i perf.data > perf.txt
    python3 bench/perf-attribution.py perf.txt PID MB [HZ]

PID is the broker's (its event loop thread has the same id); MB the megabytes of record values
the broker took during the recording; HZ the sampling rate (999). A sample's thread says whether
it is the event loop, a libuv pool thread (its stack runs through libuv's worker) or one of V8's
helper threads; its stack then says what it was doing. See BENCHMARKS.md, "Where each ms/MB goes".
"""
import sys, re, collections
pid = int(sys.argv[2]); mb = float(sys.argv[3]); hz = float(sys.argv[4]) if len(sys.argv) > 4 else 999.0
samples = []  # (tid, frames)
cur = None
for line in open(sys.argv[1], errors='replace'):
    if not line.strip():
        if cur: samples.append(cur)
        cur = None
        continue
    if not line.startswith((' ', '\t')):
        parts = line.split()
        # "node 3513/3515 12345.6: cpu-clock:" (pid/tid) or "node  3515 ..." (tid)
        tid = None
        for p in parts[1:3]:
            if '/' in p:
                tid = int(p.split('/')[1]); break
            if p.isdigit():
                tid = int(p); break
        cur = (tid, [])
    else:
        if cur is not None:
            f = line.strip().split(None, 1)
            cur[1].append(f[1] if len(f) > 1 else f[0])
if cur: samples.append(cur)
pool = set()
for tid, fr in samples:
    s = ' '.join(fr)
    if tid != pid and ('uv__' in s or 'worker (' in s or ' worker' in s) and 'v8::' not in s: pool.add(tid)
cat = collections.Counter()
def classify(tid, fr):
    s = ' '.join(fr[:60])
    leaf = fr[0] if fr else ''
    if tid == pid:
        if re.search(r'Heap::|Scavenge|MarkCompact|GCTracer|Sweeper|IncrementalMarking|Heap::CollectGarbage', s): return 'event loop: garbage collection'
        if 'crc32' in s: return 'event loop: CRC-32C'
        if re.search(r'record-scan|parseRecord|record-stream|varint\.js', s): return 'event loop: record validation (per record)'
        if re.search(r'pread|__libc_pread|readSync|ext4_file_read_iter|filemap_read', s): return 'event loop: reading segments (pread)'
        if re.search(r'tcp_|sock_|__sys_recv|__sys_send|sendmsg|recvmsg|writev.*sock|sock_write_iter|sock_read_iter|do_writev|__x64_sys_writev|__x64_sys_read\b|ep_poll|epoll', s) and ('[kernel' in s or 'kallsyms' in s): return 'event loop: sockets (kernel)'
        if re.search(r'memmove|memcpy|_copyActual|copy node:buffer', leaf): return 'event loop: memory copies'
        if re.search(r'\[kernel|kallsyms', leaf): return 'event loop: other kernel'
        return 'event loop: JavaScript and the rest'
    if tid in pool:
        if 'copy_folio_from_iter' in s or 'generic_perform_write' in s: return 'thread pool: copy into page cache'
        if 'fdatasync' in s or 'fsync' in s or 'file_write_and_wait' in s: return 'thread pool: writeback (fdatasync)'
        return 'thread pool: other'
    return 'V8 helper threads (GC marking, compiler)'
for tid, fr in samples: cat[classify(tid, fr)] += 1
total = sum(cat.values())
print(f'{total} samples, {total/hz:.2f} s CPU, {mb:.0f} MB -> {total/hz*1000/mb:.2f} ms/MB')
for k, n in sorted(cat.items()):
    print(f'{k:50s} {n/hz*1000/mb:6.2f} ms/MB  {100*n/total:5.1f} %')
