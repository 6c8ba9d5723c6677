"""Converts the PyPI-shipped user-agent corpora to JSON lines the Swift oracle tests read.

matomo-clients.jsonl  one non-bot fixture of Matomo's device-detector per line
matomo-bots.jsonl     one bot fixture per line
crawler-user-agents.jsonl  one example User-Agent of crawler-user-agents per line
fake-useragent.jsonl  data/browsers.jsonl of fake-useragent, the labelled fields only
"""
import glob
import json
import os
import sys

import yaml

unpacked, out = sys.argv[1], sys.argv[2]


def text(value):
    return "" if value is None else str(value)


def write(name, rows):
    with open(os.path.join(out, name), "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{name}: {len(rows)} rows", file=sys.stderr)


clients, bots = [], []
fixtures = sorted(glob.glob(os.path.join(unpacked, "device_detector/tests/fixtures/upstream/*.yml")))
for path in fixtures:
    with open(path, encoding="utf-8") as handle:
        entries = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
    for entry in entries:
        ua = text(entry.get("user_agent"))
        if not ua or entry.get("headers"):
            continue  # client-hints fixtures need request headers we do not get
        if "bot" in entry:
            bot = entry.get("bot") or {}
            bots.append({"ua": ua, "name": text(bot.get("name")), "category": text(bot.get("category"))})
            continue
        client = entry.get("client") or {}
        os_ = entry.get("os") or {}
        device = entry.get("device") or {}
        clients.append({
            "file": os.path.basename(path),
            "ua": ua,
            "client_name": text(client.get("name")),
            "client_type": text(client.get("type")),
            "client_version": text(client.get("version")),
            "browser_family": text(entry.get("browser_family")),
            "os_name": text(os_.get("name")),
            "os_version": text(os_.get("version")),
            "os_family": text(entry.get("os_family")),
            "device_type": text(device.get("type")),
        })
write("matomo-clients.jsonl", clients)
write("matomo-bots.jsonl", bots)

with open(os.path.join(unpacked, "crawleruseragents/crawler-user-agents.json"), encoding="utf-8") as handle:
    crawlers = json.load(handle)
write("crawler-user-agents.jsonl", [
    {"ua": instance, "pattern": crawler.get("pattern", "")}
    for crawler in crawlers for instance in crawler.get("instances", []) if instance
])

rows = []
with open(os.path.join(unpacked, "fake_useragent/data/browsers.jsonl"), encoding="utf-8") as handle:
    for line in handle:
        if not line.strip():
            continue
        row = json.loads(line)
        rows.append({key: text(row.get(key)) for key in
                     ("useragent", "type", "browser", "browser_version", "os", "os_version", "platform")})
write("fake-useragent.jsonl", rows)
