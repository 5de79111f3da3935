#!/usr/bin/env python3
"""Writes a large, valid vigil.yaml to standard output, for bench/apply-large.sh.

Defaults: 200 teams, 500 users, 200 schedules (one weekly layer each), 200 escalation policies, 2,000 services
whose dependencies form a DAG (each service depends only on services generated before it). The output is the
same for the same arguments (fixed seed), so runs compare.
"""

import argparse
import random

ZONES = ["Europe/Paris", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Singapore"]
# One-word kinds only: every version of the loader reads these the same way.
KINDS = ["web", "worker", "gateway", "postgres", "redis", "elasticsearch", "external"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=200)
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--services", type=int, default=2000)
    parser.add_argument("--max-dependencies", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = []
    w = out.append

    teams = [f"team-{t:03d}" for t in range(args.teams)]
    users = [f"user-{u:04d}" for u in range(args.users)]
    # Every user is in one team; teams get users round-robin, so each has at least two when users >= 2 * teams.
    members = {team: [] for team in teams}
    for i, user in enumerate(users):
        members[teams[i % len(teams)]].append(user)

    w("version: 1")
    w("teams:")
    for team in teams:
        w(f"  - name: {team}")
        w(f"    description: Team {team[5:]}")
        w(f"    members: [{', '.join(members[team])}]")

    w("users:")
    for i, user in enumerate(users):
        w(f"  - name: {user}")
        w(f"    full_name: User {i:04d}")
        w(f"    email: {user}@example.com")
        w(f"    time_zone: {ZONES[i % len(ZONES)]}")
        w(f"    role: {'admin' if i % 50 == 0 else 'responder'}")
        w("    contact_methods:")
        w("      - type: email")
        w(f"        address: {user}@example.com")

    w("schedules:")
    for team in teams:
        w(f"  - name: {team}-oncall")
        w(f"    time_zone: {ZONES[teams.index(team) % len(ZONES)]}")
        w("    layers:")
        w("      - name: weekly")
        w("        rotation: weekly")
        w('        start: "2026-01-05T09:00"')
        w(f"        participants: [{', '.join(members[team]) or users[0]}]")

    w("escalation_policies:")
    for team in teams:
        w(f"  - name: {team}-policy")
        w("    repeat: 1")
        w("    steps:")
        w("      - delay: PT15M")
        w("        targets:")
        w(f"          - schedule: {team}-oncall")
        w("      - delay: PT15M")
        w("        targets:")
        w(f"          - team: {team}")

    w("services:")
    for i in range(args.services):
        team = teams[i % len(teams)]
        w(f"  - name: svc-{i:04d}")
        w(f"    team: {team}")
        w(f"    tier: {1 + i % 4}")
        w(f"    kind: {KINDS[i % len(KINDS)]}")
        w(f"    escalation_policy: {team}-policy")
        if i > 0:
            window = range(max(0, i - 200), i)
            deps = sorted(rng.sample(window, min(len(window), rng.randint(0, args.max_dependencies))))
            if deps:
                w(f"    depends_on: [{', '.join(f'svc-{d:04d}' for d in deps)}]")

    w("integrations: []")
    w("customers: []")
    print("\n".join(out))


if __name__ == "__main__":
    main()
