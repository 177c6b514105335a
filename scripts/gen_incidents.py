#!/usr/bin/env python3
"""Writes N deterministic XSOAR incidents of about 5 KB each as JSON lines (the batch bench's
input): python3 scripts/gen_incidents.py N [SEED] > incidents.jsonl"""
import json
import random
import sys

HOSTS = ["FIN-WS-%03d" % n for n in range(1, 200)]
USERS = ["j.muller", "a.rossi", "m.tanaka", "s.okafor", "l.nguyen", "svc-backup", "p.silva"]
SERVICES = ["PSEXESVC", "WinUpdSvc", "RemoteRegistry", "BTOBTO", "svchost-helper", "dcom-sync"]
BRANDS = ["Cortex XDR", "Microsoft Defender for Endpoint", "CrowdStrike Falcon", "Splunk"]
WORDS = ("service control manager created a new service with an unusual binary path from a "
         "remote host using administrative shares and the command line looked encoded").split()


def sentence(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def incident(number, rng):
    host = rng.choice(HOSTS)
    user = rng.choice(USERS)
    service = rng.choice(SERVICES)
    events = []
    for index in range(20):
        events.append({
            "timestamp": "2026-11-30T08:%02d:%02dZ" % (index * 3 % 60, rng.randrange(60)),
            "eventid": 7045 if index % 2 == 0 else 4697,
            "host": host,
            "user": "CORP\\" + user,
            "service": service,
            "imagepath": "C:\\Windows\\%s.exe -k %s" % (service, rng.choice(WORDS)),
            "parent": rng.choice(["services.exe", "psexec.exe", "sc.exe", "wmiprvse.exe"]),
            "score": round(rng.random() * 100, 2),
        })
    document = {
        "id": str(100000 + number),
        "name": "Suspicious service %s created on %s" % (service, host),
        "type": "MITRE ATT&CK CoA",
        "severity": rng.randrange(1, 5),
        "status": 1,
        "occurred": "2026-11-30T08:%02d:%02dZ" % (rng.randrange(60), rng.randrange(60)),
        "owner": "soc-tier%d@example.com" % rng.randrange(1, 4),
        "sourceBrand": rng.choice(BRANDS),
        "labels": [
            {"type": "Source", "value": rng.choice(BRANDS)},
            {"type": "Host", "value": host},
            {"type": "User", "value": "CORP\\" + user},
            {"type": "Service", "value": service},
        ],
        "details": " ".join(sentence(rng, 14) for _ in range(6)),
        "CustomFields": {
            "techniqueid": "T1569.002",
            "handledtechniques": [],
            "hostname": host,
            "username": user,
            "riskscore": round(rng.random() * 100, 1),
            "events": events,
        },
    }
    # Some incidents come with a context that already holds a handled technique.
    if number % 3 == 0:
        document["context"] = {"Handled": {"Techniques": ["T1035"]}}
    elif number % 3 == 1:
        document["context"] = {}
    return document


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1569002)
    out = sys.stdout
    for number in range(1, count + 1):
        out.write(json.dumps(incident(number, rng), ensure_ascii=False, separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
