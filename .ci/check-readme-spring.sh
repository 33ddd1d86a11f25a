#!/usr/bin/env bash
# The README's Spring Boot section shows files of examples/spring-boot-app, which CI builds and tests. Every fenced
# block marked <!-- spring-consumer: PATH --> must equal that example's PATH byte for byte (apart from the final
# newline), so the README cannot drift from what is proven to work. Exits non-zero naming each difference.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 - <<'PY'
import pathlib, re, sys

readme = pathlib.Path("README.md").read_text(encoding="utf-8")
example = pathlib.Path("examples/spring-boot-app")
blocks = re.findall(r"<!-- spring-consumer: (\S+) -->\s*\n```[a-z]*\n(.*?)```", readme, re.S)
problems = []
if not blocks:
    problems.append("README.md has no <!-- spring-consumer: PATH --> blocks")
for path, text in blocks:
    target = example / path
    if not target.is_file():
        problems.append(f"{path}: no such file in {example}")
    elif target.read_text(encoding="utf-8").rstrip("\n") != text.rstrip("\n"):
        problems.append(f"{path}: the README's block differs from {target}")
for problem in problems:
    print(problem, file=sys.stderr)
print(f"README Spring Boot blocks: {len(blocks)} checked, {len(problems)} problems")
sys.exit(1 if problems else 0)
PY
