#!/usr/bin/env python3
"""The counters Prometheus scrapes, going on from the history bench/slo/generate.py wrote: checkout's 10 requests a
second since BASE (epoch seconds), none failing until a POST to /spike, every one failing after it (the POST answers
the spike's start in epoch milliseconds); and SERVICES services' 100 requests a minute, one in 10,000 failing.

  exporter.py PORT BASE SERVICES
"""
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, base, services = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
RATE = 10
SERVICE_RATE = 100 / 60
spike = None
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        now = time.time()
        with lock:
            failed = 0 if spike is None else RATE * max(0.0, now - spike)
        body = (f"# TYPE checkout_requests_total counter\ncheckout_requests_total {RATE * (now - base):.3f}\n"
                f"# TYPE checkout_requests_failed_total counter\ncheckout_requests_failed_total {failed:.3f}\n")
        total = SERVICE_RATE * (now - base)
        body += "# TYPE bench_requests_total counter\n" + "".join(
            f'bench_requests_total{{service="svc-{s}"}} {total:.3f}\n' for s in range(services))
        body += "# TYPE bench_requests_failed_total counter\n" + "".join(
            f'bench_requests_failed_total{{service="svc-{s}"}} {total / 10000:.3f}\n' for s in range(services))
        self.reply(body)

    def do_POST(self):
        global spike
        with lock:
            if spike is None:
                spike = time.time()
            at = spike
        self.reply(f"{int(at * 1000)}\n")

    def reply(self, body):
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
