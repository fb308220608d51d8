#!/usr/bin/env python3
"""rolegraph on Apache Spark: the scale path for archives one machine cannot handle in time.

    python3 tools/spark/pipe_extract.py INPUT.jsonl OUT_DIR [--master local[2]] [--partitions N]
        [--bin target/release/rolegraph] [--threads-per-job 1]

Every partition of INPUT.jsonl (`{"id", "text", "date"?, "lang"?}` per line) is streamed through one
`rolegraph extract --jsonl - --format jsonl` process with `RDD.pipe`; corpus mode writes exactly one
output line per input line, in order, so OUT_DIR/part-* concatenated in name order is the result in
input order, error records included (a broken line gives an error record and the run goes on). The
binary must exist at the same path on every worker (on a cluster: ship it with `--files` or install
it on the nodes). Then load the results into the store with `rolegraph ingest` (README, "Archive").

Needs `pip install pyspark` and a Java runtime (Debian `default-jre-headless`). Prints documents,
seconds and documents/s; the figures in tools/spark/README.md were measured with it."""
import argparse
import glob
import json
import os
import shlex
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("out")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=0,
                    help="input partitions (default: 4 per worker core)")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "rolegraph"))
    ap.add_argument("--threads-per-job", type=int, default=1)
    args = ap.parse_args()

    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary}: not built (cargo build --release --bin rolegraph)")
    try:
        from pyspark import SparkConf, SparkContext
    except ImportError:
        sys.exit("pyspark is missing: pip install pyspark (and a Java runtime)")

    conf = SparkConf().setAppName("rolegraph-extract").setMaster(args.master)
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    cores = sc.defaultParallelism
    partitions = args.partitions or 4 * cores
    command = [binary, "extract", "--jsonl", "-", "--format", "jsonl", "--jobs", "1",
               "--threads-per-job", str(args.threads_per_job)]
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    t0 = time.time()
    lines = sc.textFile(os.path.abspath(args.input), minPartitions=partitions)
    # `pipe` feeds each partition's lines to one process and reads its output lines. A failed
    # document is an error record, not a failed process; a non-zero exit status (some document
    # failed) must not fail the task, hence `checkCode=False`.
    out = lines.pipe(shlex.join(command), checkCode=False)
    out.saveAsTextFile(os.path.abspath(args.out))
    seconds = time.time() - t0
    sc.stop()

    n_in = sum(1 for _ in open(args.input, "rb"))
    n_out = errors = 0
    for part in sorted(glob.glob(os.path.join(args.out, "part-*"))):
        with open(part, encoding="utf-8") as f:
            for line in f:
                n_out += 1
                errors += "error" in json.loads(line)
    print(f"{args.master}: {n_in} input lines, {n_out} output lines ({errors} error records), "
          f"{partitions} partitions, {seconds:.1f} s, {n_in / seconds:.1f} documents/s")
    if n_out != n_in:
        sys.exit(f"{n_in - n_out} lines lost")


if __name__ == "__main__":
    main()
