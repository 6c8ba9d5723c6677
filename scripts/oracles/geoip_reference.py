"""Writes reference lookups of 100,000 seeded random IPs (half IPv4, half IPv6) made with Debian's
maxminddb reader (python3-maxminddb), one JSON object per line:
{"ip", "prefix_len", "found", "country", "subdivisions": [iso codes], "city"}.
"""
import ipaddress
import json
import random
import sys

import maxminddb

database, output = sys.argv[1], sys.argv[2]
rng = random.Random(20261127)
reader = maxminddb.open_database(database, maxminddb.MODE_MMAP)


def random_ipv4():
    return str(ipaddress.IPv4Address(rng.getrandbits(32)))


def random_ipv6():
    # Mostly inside 2000::/3 (where allocations live), some anywhere, some IPv4-mapped.
    roll = rng.random()
    if roll < 0.8:
        value = (0b001 << 125) | rng.getrandbits(125)
    elif roll < 0.9:
        value = 0xFFFF << 32 | rng.getrandbits(32)
    else:
        value = rng.getrandbits(128)
    return str(ipaddress.IPv6Address(value))


with open(output, "w", encoding="utf-8") as handle:
    for index in range(100_000):
        ip = random_ipv4() if index % 2 == 0 else random_ipv6()
        record, prefix_len = reader.get_with_prefix_len(ip)
        record = record or {}
        row = {
            "ip": ip,
            "prefix_len": prefix_len,
            "found": bool(record),
            "country": (record.get("country") or {}).get("iso_code", ""),
            "subdivisions": [s.get("iso_code", "") for s in record.get("subdivisions") or []],
            "city": (record.get("city") or {}).get("geoname_id", 0),
        }
        handle.write(json.dumps(row) + "\n")
