#!/usr/bin/env python3
"""Writes what bench/slo.sh runs on: the history Prometheus is loaded with, Vigil's catalog and Prometheus's config.

  generate.py DIR NOW PROMETHEUS_URL SINK_URL EXPORTER_TARGET ALERTMANAGER_TARGET [SLOS]

- DIR/history.om: OpenMetrics for promtool, one sample a minute from NOW - 3 days to NOW, of the series the exporter
  (bench/slo/exporter.py) goes on with from NOW, labelled as its scrape labels them: 100 services'
  bench_requests_total and bench_requests_failed_total (100 requests a minute, one in 10,000 failing: every SLO
  burns at 0.2 or less, so none of them alerts) and checkout's, so that the checkout SLO has days of good traffic
  behind it. (Prometheus refuses scraped samples older than its newest block, so the history ends at NOW.)
- DIR/vigil.yaml: SLOS SLOs (1,000) over those services, ten per service with objectives of 99 to 99.95 % and
  windows of 7d, 28d, 30d and a calendar month, plus checkout-availability (99.9 %, 30d, the workbook's rules) on
  the exporter, declared last; pages go to one person's webhook contact method, the sink.
- DIR/prometheus.yml: scrape and rule evaluation every 15 s (Debian's defaults), the exporter as the only target,
  the hand-written Sloth-style rules of bench/slo/sloth-rules.yml, Alertmanager at ALERTMANAGER_TARGET.
"""
import os
import sys

out, now, prometheus_url, sink_url, exporter, alertmanager = sys.argv[1:7]
slos = int(sys.argv[7]) if len(sys.argv) > 7 else 1000
now = int(now)
services = 100
per_service = -(-slos // services)
# The exporter's formulas (exporter.py), from BASE: checkout's 10 requests a second, none failing before the spike;
# each service's 100 requests a minute, one in 10,000 failing.
BASE = now - 4 * 86400
RATE = 10
SERVICE_RATE = 100 / 60

# Every series as the scrape of the exporter labels it, so that the scrape goes on with the same series.
target = f'job="checkout",instance="{exporter}"'
with open(os.path.join(out, "history.om"), "w") as f:
    start = now - 3 * 86400
    f.write("# TYPE bench_requests counter\n")
    for s in range(services):
        for t in range(start, now + 1, 60):
            f.write(f'bench_requests_total{{service="svc-{s}",{target}}} {SERVICE_RATE * (t - BASE):.3f} {t}\n')
    f.write("# TYPE bench_requests_failed counter\n")
    for s in range(services):
        for t in range(start, now + 1, 60):
            f.write(f'bench_requests_failed_total{{service="svc-{s}",{target}}} '
                    f'{SERVICE_RATE * (t - BASE) / 10000:.3f} {t}\n')
    f.write("# TYPE checkout_requests counter\n")
    for t in range(start, now + 1, 60):
        f.write(f'checkout_requests_total{{{target}}} {RATE * (t - BASE)} {t}\n')
    f.write("# TYPE checkout_requests_failed counter\n")
    for t in range(start, now + 1, 60):
        f.write(f'checkout_requests_failed_total{{{target}}} 0 {t}\n')
    f.write("# EOF\n")

objectives = ["99", "99.5", "99.9", "99.95"]
windows = ["7d", "28d", "30d", "month"]
with open(os.path.join(out, "vigil.yaml"), "w") as f:
    f.write(f"""version: 1
teams: [{{name: bench, members: [oncall]}}]
users:
  - name: oncall
    email: oncall@example.com
    contact_methods: [{{type: webhook, address: "{sink_url}/vigil"}}]
escalation_policies:
  - name: bench
    steps: [{{delay: 30m, targets: [{{user: oncall}}]}}]
prometheus:
  - {{name: bench, url: "{prometheus_url}", timeout: 10s}}
services:
""")
    n = 0
    for s in range(services):
        if n >= slos:
            break
        f.write(f"  - name: svc-{s}\n    team: bench\n    tier: 3\n    escalation_policy: bench\n    slos:\n")
        for i in range(per_service):
            if n >= slos:
                break
            f.write(f"""      - name: svc-{s}-slo-{i}
        objective: {objectives[i % len(objectives)]}
        window: {windows[(i // len(objectives) + s) % len(windows)]}
        sli:
          prometheus:
            source: bench
            bad: 'bench_requests_failed_total{{service="svc-{s}"}}'
            total: 'bench_requests_total{{service="svc-{s}"}}'
""")
            n += 1
    f.write("""  - name: checkout
    team: bench
    tier: 1
    escalation_policy: bench
    slos:
      - name: checkout-availability
        objective: 99.9
        window: 30d
        sli:
          prometheus:
            source: bench
            bad: checkout_requests_failed_total
            total: checkout_requests_total
""")

with open(os.path.join(out, "prometheus.yml"), "w") as f:
    f.write(f"""global:
  scrape_interval: 15s
  evaluation_interval: 15s
rule_files: ["{os.path.join(os.path.dirname(os.path.abspath(__file__)), 'sloth-rules.yml')}"]
alerting:
  alertmanagers: [{{static_configs: [{{targets: ["{alertmanager}"]}}]}}]
scrape_configs:
  - job_name: checkout
    static_configs: [{{targets: ["{exporter}"]}}]
""")
