#!/usr/bin/env python3
"""Structural checks of .github/workflows/release.yml, the mistakes actionlint would report
first, written for this workflow:
  - it runs on version tags, has a job per platform (Linux, Windows, macOS runners),
  - every step has exactly one of `uses` and `run`; actions are pinned to a version,
  - `needs` names existing jobs, `matrix.X` names keys the matrix defines,
  - `${{ }}` expressions are closed, and `secrets` never appear in an `if:` (GitHub refuses
    that: secrets reach conditions only through `env`),
  - every platform job uploads its installers with actions/upload-artifact,
  - every `env.X` used in a condition is defined in the workflow, job or step env.
Exit 1 with one line per problem.
"""
import re
import sys

import yaml


def steps_of(job):
    return job.get("steps") or []


def main(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    wf = yaml.safe_load(text)
    problems = []
    p = problems.append

    if not isinstance(wf, dict):
        print(f"FAIL: {path}: not a mapping")
        return 1
    # PyYAML reads YAML 1.1, where the key `on` is the boolean True.
    triggers = wf.get("on", wf.get(True))
    if not isinstance(triggers, dict):
        p("no `on:` triggers mapping")
        triggers = {}
    tags = ((triggers.get("push") or {}).get("tags")) or []
    if not any(str(t).startswith("v") for t in tags):
        p("`on.push.tags` does not match version tags (v*)")
    jobs = wf.get("jobs")
    if not isinstance(jobs, dict) or not jobs:
        print(f"FAIL: {path}: no jobs")
        return 1

    for m in re.finditer(r"\$\{\{", text):
        if "}}" not in text[m.end():text.find("\n", m.end())]:
            p(f"unclosed ${{{{ at offset {m.start()}")

    wf_env = set((wf.get("env") or {}).keys())
    runners = set()
    for name, job in jobs.items():
        if not isinstance(job, dict):
            p(f"job {name}: not a mapping")
            continue
        needs = job.get("needs", [])
        for n in [needs] if isinstance(needs, str) else needs:
            if n not in jobs:
                p(f"job {name}: needs unknown job {n}")
        matrix = ((job.get("strategy") or {}).get("matrix")) or {}
        matrix_keys = set(k for k in matrix if k not in ("include", "exclude"))
        for entry in matrix.get("include", []) or []:
            matrix_keys |= set(entry)
        job_text = yaml.safe_dump(job)
        for key in re.findall(r"matrix\.([A-Za-z_][A-Za-z0-9_-]*)", job_text):
            if key not in matrix_keys:
                p(f"job {name}: matrix.{key} is not defined by its matrix")
        runs_on = job.get("runs-on", "")
        if isinstance(runs_on, str) and "matrix." in runs_on:
            runners |= {str(e.get("os", "")) for e in matrix.get("include", [])}
        else:
            runners.add(str(runs_on))
        job_env = wf_env | set((job.get("env") or {}).keys())
        uploads = False
        if not steps_of(job):
            p(f"job {name}: no steps")
        for i, step in enumerate(steps_of(job)):
            where = f"job {name}, step {i + 1} ({step.get('name', step.get('uses', '?'))})"
            if ("uses" in step) == ("run" in step):
                p(f"{where}: needs exactly one of `uses` and `run`")
            uses = step.get("uses", "")
            if uses and not uses.startswith("./") and not re.search(r"@(v\d[\w.]*|[0-9a-f]{40})$", uses):
                p(f"{where}: `{uses}` is not pinned to a version")
            if uses.startswith("actions/upload-artifact@"):
                uploads = True
                if not (step.get("with") or {}).get("path"):
                    p(f"{where}: upload-artifact without a path")
            cond = str(step.get("if", ""))
            if "secrets." in cond:
                p(f"{where}: `secrets` in `if:` (map the secret to env first)")
            env = job_env | set((step.get("env") or {}).keys())
            for var in re.findall(r"env\.([A-Za-z_][A-Za-z0-9_]*)", cond):
                if var not in env:
                    p(f"{where}: `if:` uses env.{var}, which is not defined")
        if "secrets." in str(job.get("if", "")):
            p(f"job {name}: `secrets` in `if:`")
        if "build" in name and not uploads:
            p(f"job {name}: does not upload its installers (actions/upload-artifact)")

    for os_prefix in ("ubuntu", "windows", "macos"):
        if not any(r.startswith(os_prefix) for r in runners):
            p(f"no job runs on a {os_prefix} runner")

    for problem in problems:
        print(f"FAIL: {path}: {problem}")
    if not problems:
        print(f"ok: {path}: {len(jobs)} jobs on {', '.join(sorted(runners))}, structure checked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
