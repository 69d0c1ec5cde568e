"""Helpers run-peers.sh calls before anything is installed (standard library only).

    python venv_check.py satisfied requirements.txt   exit 0 when every pinned package is installed at its version
    python venv_check.py reachable                    exit 0 when the package index answers within 10 s

`reachable` asks the index pip would use: $PIP_INDEX_URL if set, else PyPI's simple index.
"""

import os
import re
import sys
import urllib.request


def satisfied(requirements_path):
    from importlib.metadata import PackageNotFoundError, version

    missing = []
    with open(requirements_path, encoding="utf8") as requirements:
        for line in requirements:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
            if not match:
                missing.append(line + " (not a name==version pin)")
                continue
            name, pinned = match.groups()
            try:
                installed = version(name)
            except PackageNotFoundError:
                missing.append(name)
                continue
            if installed != pinned:
                missing.append("%s (%s installed, %s pinned)" % (name, installed, pinned))
    if missing:
        print("not installed: " + ", ".join(missing), file=sys.stderr)
        return 1
    return 0


def reachable():
    index = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple").rstrip("/")
    url = index + "/datasketch/"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "text/html"}), timeout=10) as r:
            r.read(1)
        return 0
    except Exception as error:  # any failure means: no package index for us
        print("cannot reach %s: %s" % (url, error), file=sys.stderr)
        return 1


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "satisfied":
        sys.exit(satisfied(sys.argv[2]))
    if len(sys.argv) == 2 and sys.argv[1] == "reachable":
        sys.exit(reachable())
    print(__doc__, file=sys.stderr)
    sys.exit(64)
