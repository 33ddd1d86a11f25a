#!/usr/bin/env python3
"""Checks docs/test-matrix.md against the test reports of the last build.

Every case id in REQUIRED must have a row; every Class#method a row names must have run (in a
Surefire or Failsafe report under */target or examples/*/target) and passed, never failed or been skipped.
Run it after `mvn -Pintegration verify`; it exits non-zero and says what is wrong otherwise.
"""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REQUIRED = [f"S{i}" for i in range(1, 15)] + [f"C{i}" for i in range(1, 7)] + [f"R{i}" for i in range(1, 39)]
REQUIRED += [f"S{i}" for i in range(15, 17)]
REQUIRED += [f"R{i}" for i in range(51, 59)]
REQUIRED += [f"S{i}" for i in range(17, 20)]
REQUIRED += [f"R{i}" for i in range(39, 48)]
REQUIRED += [f"S{i}" for i in range(20, 29)]
REQUIRED += [f"C{i}" for i in range(7, 16)]
REQUIRED += [f"S{i}" for i in range(30, 36)]


def results():
    """(simple class name, method name) -> list of outcomes ('passed', 'failed', 'skipped')."""
    outcomes = {}
    patterns = ["*/target/surefire-reports/TEST-*.xml", "*/target/failsafe-reports/TEST-*.xml",
                "examples/*/target/surefire-reports/TEST-*.xml", "examples/*/target/failsafe-reports/TEST-*.xml"]
    for pattern in patterns:
        for path in glob.glob(os.path.join(ROOT, pattern)):
            for case in ET.parse(path).getroot().iter("testcase"):
                cls = case.get("classname", "").rsplit(".", 1)[-1]
                method = re.split(r"[(\[]", case.get("name", ""), maxsplit=1)[0].strip()
                if case.find("failure") is not None or case.find("error") is not None:
                    outcome = "failed"
                elif case.find("skipped") is not None:
                    outcome = "skipped"
                else:
                    outcome = "passed"
                outcomes.setdefault((cls, method), []).append(outcome)
    return outcomes


def rows():
    matrix = {}
    with open(os.path.join(ROOT, "docs", "test-matrix.md"), encoding="utf-8") as f:
        for line in f:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) != 3 or not re.fullmatch(r"[SCR]\d+", cells[0]):
                continue
            refs = re.findall(r"([A-Za-z0-9_]+)#([A-Za-z0-9_]+)", cells[2])
            matrix.setdefault(cells[0], []).extend(refs)
    return matrix


def main():
    outcomes = results()
    if not outcomes:
        print("no test reports found: run mvn -Pintegration verify first", file=sys.stderr)
        return 2
    matrix = rows()
    problems = []
    for case_id in REQUIRED:
        if not matrix.get(case_id):
            problems.append(f"{case_id}: no row, or a row naming no Class#method")
    checked = 0
    for case_id, refs in matrix.items():
        for cls, method in refs:
            checked += 1
            seen = outcomes.get((cls, method))
            if not seen:
                problems.append(f"{case_id}: {cls}#{method} did not run")
            elif any(o != "passed" for o in seen):
                problems.append(f"{case_id}: {cls}#{method} {', '.join(sorted(set(seen)))}")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"test matrix: {len(matrix)} cases, {checked} references, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
