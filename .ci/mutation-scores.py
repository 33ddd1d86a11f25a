#!/usr/bin/env python3
"""Prints the mutation score of every PIT report of the last -Pmutation run: one line per mutated module."""
import glob
import os
import sys
import xml.etree.ElementTree as ET

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
reports = sorted(glob.glob(os.path.join(root, "*", "target", "pit-reports", "mutations.xml"))
                 + glob.glob(os.path.join(root, "*", "target", "pit-reports", "*", "mutations.xml")))
if not reports:
    print("no PIT report found: run mvn -Pmutation verify first", file=sys.stderr)
    sys.exit(2)
for path in reports:
    parts = os.path.relpath(path, root).split(os.sep)
    # <module>/target/pit-reports/mutations.xml, or integration-tests/target/pit-reports/<module>/mutations.xml
    name = parts[3] if len(parts) == 5 else parts[0]
    statuses = [m.get("status") for m in ET.parse(path).getroot().iter("mutation")]
    killed = sum(1 for s in statuses if s in ("KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR"))
    total = len(statuses)
    score = 100 * killed // total if total else 0
    print(f"mutation score {name}: {score}% ({killed} of {total} mutants killed, "
          f"{statuses.count('SURVIVED')} survived, {statuses.count('NO_COVERAGE')} not covered)")
