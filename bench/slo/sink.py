#!/usr/bin/env python3
"""A webhook sink on 127.0.0.1 that writes one line per request it receives: arrival (epoch milliseconds), path,
and the first 200 characters of the body, so that pages from Vigil (/vigil) and Alertmanager (/alertmanager) are
timed by the same clock.

  sink.py PORT FILE
"""
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, file = int(sys.argv[1]), sys.argv[2]


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        at = int(time.time() * 1000)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0)).decode(errors="replace")
        with open(file, "a") as f:
            f.write(f"{at} {self.path} {' '.join(body.split())[:200]}\n")
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
