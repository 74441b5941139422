"""Print wapiti's JSON reports as text and fail on any finding of medium or higher level.

    python3 .ci/wapiti_check.py [--min-signed-in-urls N] REPORT.json [REPORT.json ...]

Run by .ci/run after the scans of the demo (plain Python: no dependency, so that it runs
outside both the project's and wapiti's environments).

Wapiti 3.3.2's JSON report (wapitiCore/report/jsonreportgenerator.py) holds three dicts,
"vulnerabilities", "anomalies" (server errors, timeouts) and "additionals"
(fingerprinting), each {category: [finding, ...]}; every finding carries an integer
"level" (wapitiCore/language/vulnerability.py: 0 info, 1 low, 2 medium, 3 high,
4 critical). Anomalies count like vulnerabilities: wapiti files an internal server error
as a high one. "infos" says whether the scan signed in ("auth": null when anonymous).
A sign-in that failed fails the check too: the scan would have seen nothing behind it.
So does a signed-in scan that found fewer than --min-signed-in-urls URLs and forms: wapiti
believes it signed in when the page after the form has a sign-out button, which a page that
stops every other one (say, setting up a second factor) also has.
"""

import argparse
import json
import sys

LEVELS = {0: "info", 1: "low", 2: "medium", 3: "high", 4: "critical"}
FAIL_FROM = 2  # medium
KINDS = {"vulnerabilities": "vulnerability", "anomalies": "anomaly", "additionals": "additional"}


def findings(report):
    """(kind, category, finding) for every finding of the report, highest level first."""
    found = [
        (kind, category, finding)
        for kind in KINDS
        for category, items in (report.get(kind) or {}).items()
        for finding in items
    ]
    return sorted(found, key=lambda row: -row[2]["level"])


def render(name, report, min_signed_in_urls=0):
    """The report as text, and how many findings reach FAIL_FROM (or failed sign-ins)."""
    infos = report.get("infos", {})
    auth = infos.get("auth")
    lines = [
        f"--- {name}: {infos.get('target')} ({infos.get('version')}, "
        f"{infos.get('crawled_pages_nbr')} URLs and forms crawled, "
        + ("anonymous)" if auth is None else f"signed in at {auth.get('url')})"),
    ]
    failures = 0
    if auth is not None and not auth.get("logged_in"):
        lines.append("FAILED: the sign-in did not work, so nothing behind it was scanned.")
        failures += 1
    elif auth is not None and infos.get("crawled_pages_nbr", 0) < min_signed_in_urls:
        lines.append(
            f"FAILED: fewer than {min_signed_in_urls} URLs and forms found signed in: "
            "the scan did not get past the sign-in."
        )
        failures += 1
    rows = findings(report)
    counts = {level: 0 for level in LEVELS}
    for _, _, finding in rows:
        counts[finding["level"]] = counts.get(finding["level"], 0) + 1
    lines.append(
        "findings by level: " + ", ".join(f"{LEVELS[level]} {counts[level]}" for level in LEVELS)
    )
    for kind, category, finding in rows:
        level = finding["level"]
        parameter = f" [{finding['parameter']}]" if finding.get("parameter") else ""
        lines.append(
            f"{LEVELS.get(level, level):>8}  {category} ({KINDS[kind]}, module {finding['module']}): "
            f"{finding['method']} {finding['path']}{parameter}"
        )
        lines.append(f"          {finding['info']}")
        if level >= FAIL_FROM:
            failures += 1
            lines.append("          reproduce: " + finding["curl_command"])
    return "\n".join(lines), failures


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-signed-in-urls", type=int, default=0)
    parser.add_argument("reports", nargs="+")
    options = parser.parse_args(argv)
    total = 0
    for path in options.reports:
        try:
            with open(path, encoding="utf-8") as file:
                report = json.load(file)
        except (OSError, ValueError) as error:
            print(f"--- {path}: no readable report ({error}): the scan did not finish.")
            total += 1
            continue
        name = path.rsplit("/", 1)[-1].removesuffix(".json")
        text, failures = render(name, report, options.min_signed_in_urls)
        print(text)
        total += failures
    if total:
        print(f"\nwapiti: {total} finding(s) of medium or higher level (or a failed sign-in).")
        return 1
    print("\nwapiti: no finding of medium or higher level.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
