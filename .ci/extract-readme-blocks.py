#!/usr/bin/env python3
"""Writes the README's consumer project into a directory: every fenced block whose preceding line is
"<!-- consumer: PATH -->" is copied verbatim to DIR/PATH. Exits non-zero when a marker is malformed or there is no
pom.xml block.

    python3 .ci/extract-readme-blocks.py README.md DIR
"""
import os
import re
import sys


def main(readme, directory):
    lines = open(readme, encoding="utf-8").read().split("\n")
    written = []
    i = 0
    while i < len(lines):
        marker = re.fullmatch(r"<!-- consumer: (\S+) -->", lines[i].strip())
        i += 1
        if not marker:
            continue
        path = marker.group(1)
        if os.path.isabs(path) or ".." in path.split("/"):
            sys.exit(f"{readme}: consumer path {path} must be relative, inside the project")
        if i >= len(lines) or not lines[i].startswith("```"):
            sys.exit(f"{readme}: the line after <!-- consumer: {path} --> must open a fenced block")
        end = i + 1
        while end < len(lines) and lines[end] != "```":
            end += 1
        if end == len(lines):
            sys.exit(f"{readme}: the block for {path} is never closed")
        target = os.path.join(directory, path)
        os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
        with open(target, "w", encoding="utf-8") as f:
            f.write("\n".join(lines[i + 1:end]) + "\n")
        written.append(path)
        i = end + 1
    if "pom.xml" not in written:
        sys.exit(f"{readme}: no <!-- consumer: pom.xml --> block")
    print("README consumer blocks: " + ", ".join(written))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
