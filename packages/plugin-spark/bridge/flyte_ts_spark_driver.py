#!/usr/bin/env python3
# flyte-ts Spark driver bridge, part of @flyte-ts/plugin-spark.
#
# The Flyte backend's SparkApplication runs this file as `mainApplicationFile` (a Python application) with
# the task container's arguments, `a0 --inputs ... task <name>`. A TypeScript body cannot live inside the
# Python driver, so the bridge:
#   1. creates the driver's SparkSession with the conf spark-submit received (the task's sparkConf, merged by
#      the backend) plus the Spark Connect plugin, its gRPC endpoint bound to 127.0.0.1 on a free port;
#   2. runs its arguments (`a0 ...`) as a child process with SPARK_REMOTE=sc://127.0.0.1:<port>, so the body's
#      session (ctx().data.spark.session) runs its queries in this driver, on the cluster's executors;
#   3. forwards SIGTERM/SIGINT to the child, and stops it when the driver JVM that started us goes away;
#   4. stops the session and exits with the child's exit code (128 + n when a signal n ended it).
#
# Requires pyspark (the driver image's Spark) and Python >= 3.8. No other dependency.
import os
import signal
import socket
import subprocess
import sys
import threading
import time

CONNECT_PLUGIN = "org.apache.spark.sql.connect.SparkConnectPlugin"
LOG_PREFIX = "[flyte-ts spark driver]"
# How long the Spark Connect endpoint may take to accept connections after the session is up.
ENDPOINT_TIMEOUT_S = 120.0


def log(message):
    try:
        print(f"{LOG_PREFIX} {message}", file=sys.stderr, flush=True)
    except OSError:  # the driver JVM that reads our output is gone; keep going
        pass


def free_loopback_port():
    # The OS picks a free port; another process could take it before Spark binds it, which makes the
    # session fail loudly rather than serve somebody else's endpoint.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_endpoint(port, deadline_s):
    deadline = time.monotonic() + deadline_s
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1.0):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"Spark Connect did not listen on 127.0.0.1:{port} within {deadline_s:.0f} s")
            time.sleep(0.1)


def start_session(port):
    # This process hosts the classic (JVM-backed) session; a Spark Connect address inherited from the
    # environment would make pyspark build a client session instead.
    for name in ("SPARK_REMOTE", "SPARK_CONNECT_MODE_ENABLED"):
        os.environ.pop(name, None)
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    # SparkConf() reads what spark-submit passed (--conf, the SparkApplication's sparkConf); the user's own
    # spark.plugins are kept.
    conf = SparkConf()
    plugins = [p for p in (conf.get("spark.plugins") or "").split(",") if p.strip()]
    if CONNECT_PLUGIN not in plugins:
        plugins.append(CONNECT_PLUGIN)
    conf.set("spark.plugins", ",".join(plugins))
    conf.set("spark.api.mode", "classic")
    conf.set("spark.connect.grpc.binding.address", "127.0.0.1")
    conf.set("spark.connect.grpc.binding.port", str(port))
    return SparkSession.builder.config(conf=conf).getOrCreate()


def exit_code_of(returncode):
    # Popen reports a death by signal n as -n; a shell reports it as 128 + n.
    return 128 - returncode if returncode < 0 else returncode


def main(argv):
    command = argv[1:]
    if not command:
        log("usage: flyte_ts_spark_driver.py <command> [args...], e.g. a0 --inputs ... task <name>")
        return 2
    port = free_loopback_port()
    session = start_session(port)
    try:
        wait_for_endpoint(port, ENDPOINT_TIMEOUT_S)
        remote = f"sc://127.0.0.1:{port}"
        # The child talks to Spark through Spark Connect only: it gets no handle on this process's py4j
        # gateway (its port and secret).
        env = {k: v for k, v in os.environ.items() if k not in ("PYSPARK_GATEWAY_PORT", "PYSPARK_GATEWAY_SECRET")}
        env["SPARK_REMOTE"] = remote
        # Signals are taken over before the child starts; one that arrives in between is passed on to it.
        started, pending = [], []

        def forward(signum, _frame):
            if not started:
                pending.append(signum)
            elif started[0].poll() is None:
                started[0].send_signal(signum)

        signal.signal(signal.SIGTERM, forward)
        signal.signal(signal.SIGINT, forward)
        try:
            child = subprocess.Popen(command, env=env)
        except OSError as e:
            log(f"cannot start {command[0]!r}: {e.strerror} (is it on PATH in the driver image?)")
            return 127 if isinstance(e, FileNotFoundError) else 126
        started.append(child)
        for signum in pending:
            child.send_signal(signum)
        log(f"application {session.sparkContext.applicationId}: started {command[0]} (pid {child.pid}) with SPARK_REMOTE={remote}")
        watch_parent(child)
        returncode = child.wait()
        log(f"{command[0]} exited with {exit_code_of(returncode)}")
        return exit_code_of(returncode)
    finally:
        stop_session(session)


def stop_session(session):
    try:
        session.stop()
    except Exception as e:  # the JVM may already be gone (driver killed); nothing left to release
        log(f"stopping the session failed: {e}")


def watch_parent(child):
    # spark-submit's JVM starts this script. When the JVM dies (the driver killed, the pod stopping), the
    # child must not outlive it: the bridge is re-parented, and it then stops the child.
    parent = os.getppid()

    def watch():
        while child.poll() is None:
            if os.getppid() != parent:
                child.terminate()
                log("the driver JVM is gone; stopped the child")
                return
            time.sleep(0.5)

    threading.Thread(target=watch, name="flyte-ts-parent-watch", daemon=True).start()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
