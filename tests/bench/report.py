#!/usr/bin/env python3
"""Collects the parts of `make bench` into target/bench.json and rewrites the
README's performance table between `<!-- bench:start -->` and
`<!-- bench:end -->` (nothing else in the README is touched).

    python3 tests/bench/report.py [--dir target/bench] [--readme README.md] [--json target/bench.json]

Reads, from --dir: native.json (cargo bench), eval.json (kladwacht eval),
peers.json (detect-secrets, presidio), browser.json (Chromium), timings.tsv
(step, seconds, exit code) — a missing part shows as "not measured". Sizes
(the .wasm, raw and gzip -9; the zipped extension) are measured here.
Standard library only: runs with the system Python.
"""

import argparse
import datetime
import glob
import gzip
import json
import os
import platform
import re
import subprocess
import sys

START = "<!-- bench:start -->"
END = "<!-- bench:end -->"
WASM = "crate/pkg/kladwacht_bg.wasm"
EVAL_CMD = "target/release/kladwacht eval ../shared/corpus/dev.jsonl --format json"
NATIVE_CMD = "cargo bench -p kladwacht --bench scan"
BROWSER_CMD = "node tests/bench/browser.mjs"
PEERS_CMD = ".venv-bench/bin/python tests/bench/peers.py"


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def command_output(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            kb = int(f.readline().split()[1])
            mem = f"{kb / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    osname = ""
    try:
        with open("/etc/os-release", encoding="utf-8") as f:
            m = re.search(r'^PRETTY_NAME="?([^"\n]*)', f.read(), re.M)
            osname = m.group(1) if m else ""
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": cpu or platform.processor() or "unknown",
        "memory": mem,
        "os": osname or platform.platform(),
        "rustc": command_output("rustc", "--version"),
        "node": command_output("node", "--version"),
        "python": platform.python_version(),
    }


def sizes(root):
    out = {}
    wasm = os.path.join(root, WASM)
    if os.path.exists(wasm):
        data = open(wasm, "rb").read()
        out["wasm"] = {
            "file": WASM,
            "raw_bytes": len(data),
            "gzip_bytes": len(gzip.compress(data, compresslevel=9, mtime=0)),
            "command": f"make wasm; wc -c {WASM}; gzip -9 -c {WASM} | wc -c",
        }
    zips = sorted(glob.glob(os.path.join(root, "extension/dist/*.zip")))
    out["extension_zips"] = [
        {"file": os.path.relpath(z, root), "bytes": os.path.getsize(z),
         "command": f"wc -c {os.path.relpath(z, root)}"}
        for z in zips
    ]
    return out


def timings(path):
    rows = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 3:
                    rows.append({"step": parts[0], "seconds": float(parts[1]), "exit": int(parts[2]),
                                 "command": parts[3] if len(parts) > 3 else ""})
    except (OSError, ValueError):
        pass
    return rows


# --- formatting --------------------------------------------------------------

def cell(text):
    """A table cell's text: a `|` would end the cell, even inside backticks."""
    return text.replace("|", "\\|")


def us(x):
    if x is None:
        return "–"
    if x >= 1000:
        return f"{x / 1000:.2f} ms"
    if x >= 10:
        return f"{x:.0f} µs"
    return f"{x:.1f} µs"


def kib(n):
    if n >= 2**20:
        return f"{n / 2**20:.2f} MiB"
    return f"{n / 1024:.0f} KiB"


def num(x, d=3):
    return "–" if x is None else f"{x:.{d}f}"


def rate(x):
    if x is None:
        return "–"
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:.1f}"


def native_section(native):
    lines = [f"### Native scan (`{NATIVE_CMD}`, release build, channel email)", ""]
    if not native:
        return lines + ["Not measured: the native benchmark failed (see `make bench` output).", ""]
    lines += [
        "Drafts built from `../shared/corpus/dev.jsonl`: *clean* from its clean drafts (no findings "
        "expected), *dense* from its labelled ones, glued together and cut to size; "
        "several variants per size (MB = 2^20 bytes).",
        "",
        "| draft | size | median | p99 | throughput | findings per scan | normalisation alone (`Document::new`) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for s in native.get("scan", []):
        lines.append(
            f"| {s['kind']} | {s['size']} | {us(s['median_us'])} | {us(s['p99_us'])} | "
            f"{s['mb_per_s']:.1f} MB/s | {s['findings_per_scan']:.1f} | {us(s.get('normalise_median_us'))} |"
        )
    c = native.get("construction", {})
    lines += [
        "",
        "| `Scanner` construction | median | p99 |",
        "|---|---:|---:|",
    ]
    if c.get("default"):
        lines.append(f"| built-in policy (`Scanner::new(Policy::default())`) | {us(c['default']['median_us'])} "
                     f"| {us(c['default']['p99_us'])} |")
    if c.get("consent_2000"):
        lines.append(f"| policy JSON with a consent register of 2,000 names (parse + build) | "
                     f"{us(c['consent_2000']['median_us'])} | {us(c['consent_2000']['p99_us'])} |")
    if native.get("consent"):
        lines += [
            "",
            "| dense draft (scans alternate) | no consent register | register of 2,000 names | change |",
            "|---|---:|---:|---:|",
        ]
        for r in native["consent"]:
            a, b = r["none"]["median_us"], r["register"]["median_us"]
            change = f"{100 * (b - a) / a:+.0f} %" if a else "–"
            lines.append(f"| {r['size']} | {us(a)} | {us(b)} | {change} |")
    lines.append("")
    return lines


def browser_section(browser):
    lines = [f"### In the browser (`{BROWSER_CMD}`)", ""]
    if not browser:
        return lines + ["Not measured: the browser benchmark failed (see `make bench` output).", ""]
    iso = "cross-origin isolated, 5 µs timer" if browser.get("cross_origin_isolated") else "not isolated: 100 µs timer"
    lines += [
        f"The wasm `Scanner` (`make wasm`, `--target web`) in {browser.get('browser', 'Chromium')}, "
        f"the same drafts served from 127.0.0.1 ({iso}), `scanner.scan(text, {{channel: 'email'}})` "
        "timed in the page.",
        "",
        "| draft | size | median | p99 | throughput | findings per scan |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for s in browser.get("scan", []):
        lines.append(
            f"| {s['kind']} | {s['size']} | {us(s['median_us'])} | {us(s['p99_us'])} | "
            f"{s['mb_per_s']:.1f} MB/s | {s['findings_per_scan']:.1f} |"
        )
    lines.append("")
    i = browser.get("instantiation")
    if i:
        lines.append(
            f"- Instantiation, `await init(); new Scanner()` on a cold page (no HTTP cache): "
            f"median **{i['median_ms']:.1f} ms** over {i['loads']} loads "
            f"(init {i['init_median_ms']:.1f} ms, `new Scanner()` {i['new_scanner_median_ms']:.2f} ms; "
            f"importing the JS glue {i['import_median_ms']:.1f} ms more)."
        )
    d = browser.get("demo_load")
    if d:
        lines.append(
            f"- The demo page (`web-demo/index.html`) on a cold load, from navigation start (median of "
            f"{d['loads']}): the compose box takes typing at **{d['interactive_median_ms']:.0f} ms** and the "
            f"main thread is free at **{d['main_thread_free_median_ms']:.0f} ms** (longest main-thread task "
            f"{d['longest_task_median_ms']:.0f} ms); the scanner, built in the page's worker, gives its first "
            f"findings at {d['ready_median_ms']:.0f} ms."
        )
    m = browser.get("memory")
    if m:
        a, b = m["after_1000"], m["after_10000"]
        verdict = "grows" if m.get("grows") else "no growth"
        lines.append(
            f"- Memory after 1,000 → 10,000 scans of the dense 5 KB drafts (after forced GC): JS heap "
            f"{kib(a['js_heap_used'])} → {kib(b['js_heap_used'])}, wasm memory "
            f"{kib(a['wasm_memory'])} → {kib(b['wasm_memory'])}: **{verdict}**."
        )
    k = browser.get("keystroke") or {}
    if k.get("measured"):
        w, wo, extra = k["with"], k["without"], k["extra_median_ms"]
        lines.append(
            f"- Extra cost per keystroke with the extension (`{k['extension']}`) loaded, typing into a "
            f"5 KB draft: textarea {extra['textarea']:+.2f} ms ({wo['textarea']['median_ms']:.2f} → "
            f"{w['textarea']['median_ms']:.2f} ms), contenteditable {extra['contenteditable']:+.2f} ms "
            f"({wo['contenteditable']['median_ms']:.2f} → {w['contenteditable']['median_ms']:.2f} ms); "
            f"method: {k['method']}."
        )
    else:
        lines.append(f"- Extra cost per keystroke with the extension loaded: {k.get('note', 'not measured')}.")
    lines.append("")
    return lines


def size_section(size):
    lines = ["### Size", "", "| artefact | raw | gzip -9 | command |", "|---|---:|---:|---|"]
    w = size.get("wasm")
    if w:
        lines.append(f"| `{w['file']}` | {kib(w['raw_bytes'])} ({w['raw_bytes']:,} B) | "
                     f"{kib(w['gzip_bytes'])} ({w['gzip_bytes']:,} B) | `{cell(w['command'])}` |")
    else:
        lines.append(f"| `{WASM}` | not built | | `make wasm` |")
    for z in size.get("extension_zips", []):
        lines.append(f"| `{z['file']}` (zipped extension) | {kib(z['bytes'])} ({z['bytes']:,} B) | – | `{z['command']}` |")
    if not size.get("extension_zips"):
        lines.append("| zipped extension (`extension/dist/*.zip`) | not built | | |")
    lines.append("")
    return lines


ONLY_CMD = ("target/release/kladwacht eval ../shared/corpus/dev.jsonl "
            "--policy tests/bench/policies/only-{c}.json --format json")


def kladwacht_row(category, label, evaluation, latency_us, command):
    """A Kladwacht row of the peers table, or a 'not measured' one."""
    ks = next((s for s in (evaluation or {}).get("scores", []) if s["category"] == category), None)
    if not ks:
        return f"| {category} | {label} | not measured | | | | | `{command}` |"
    rate_ = None
    if evaluation.get("total_micros"):
        rate_ = evaluation["drafts"] / (evaluation["total_micros"] / 1e6)
    return (f"| {category} | {label} | {num(ks['precision'])} | {num(ks['recall'])} | "
            f"{num(ks['f1'])} | {rate(rate_)} | {us(latency_us)} | `{command}`; `{NATIVE_CMD}` |")


def peers_section(evaluation, peers, native, only):
    lines = [
        "### Next to the tools people would use instead",
        "",
        "Same corpus (`../shared/corpus/dev.jsonl`), same machine, same run. Precision, recall and F1 "
        "at draft level, as `crate/src/eval.rs` defines them; drafts per second over the whole corpus "
        "(one draft at a time); the last column is the median time for one dense 5 KB draft. "
        "Each peer does one job, so Kladwacht is measured twice: with every rule on (all eight "
        "categories and the whole-message rules, what users run) and with only the peer's category on "
        "(`tests/bench/policies/only-*.json` turn the others `off`; a detector with no rule on is not run). "
        "The dev corpus is for development, not a held-out test: read these as a comparison, "
        "not as final scores.",
        "",
        "| category | tool | precision | recall | F1 | drafts/s | 5 KB draft | command |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    kw_5k = None
    for s in (native or {}).get("scan", []):
        if s["kind"] == "dense" and s["size"] == "5 KB":
            kw_5k = s["median_us"]
    peer_rows = (peers or {}).get("peers", {})
    for category, peer in (("password", "detect-secrets"), ("identifier", "presidio")):
        lines.append(kladwacht_row(category, "Kladwacht, every rule on", evaluation, kw_5k, EVAL_CMD))
        only_5k = next((s["median_us"] for s in (native or {}).get("only", [])
                        if s["category"] == category and s["size"] == "5 KB"), None)
        lines.append(kladwacht_row(category, f"Kladwacht, only {category} on", (only or {}).get(category),
                                   only_5k, ONLY_CMD.format(c=category)))
        p = peer_rows.get(peer)
        if p:
            s = p["score"]
            p5 = next((l["median_us"] for l in p.get("latency", [])
                       if l["kind"] == "dense" and l["size"] == "5 KB"), None)
            name = p["config"].split(":", 1)[0]
            lines.append(f"| {category} | {name} | {num(s['precision'])} | {num(s['recall'])} | "
                         f"{num(s['f1'])} | {rate(p['drafts_per_s'])} | {us(p5)} | `{PEERS_CMD}` |")
        else:
            lines.append(f"| {category} | {peer} | not measured | | | | | `{PEERS_CMD}` |")
    lines.append("")
    if peer_rows:
        lines.append("How the peers were configured (installed from PyPI into `.venv-bench/` by "
                     "`tests/bench/run.sh`, pinned in `tests/bench/requirements.txt`, run offline):")
        lines.append("")
        for name, p in peer_rows.items():
            lines.append(f"- **{name}** — {p['config']}.")
        lines.append("")
    if evaluation:
        lines.append(
            f"Kladwacht's clean drafts with any finding: {evaluation['clean_flagged']}/{evaluation['clean']}."
        )
        lines.append("")
    return lines


def timing_section(rows):
    if not rows:
        return []
    lines = ["### How long `make bench` took", "", "| step | seconds | command |", "|---|---:|---|"]
    total = 0.0
    for r in rows:
        status = "" if r["exit"] == 0 else f" (failed, exit {r['exit']})"
        lines.append(f"| {r['step']}{status} | {r['seconds']:.0f} | `{cell(r['command'])}` |")
        total += r["seconds"]
    lines.append(f"| **total** | **{total:.0f}** | `make bench` |")
    lines.append("")
    return lines


def render(report):
    m = report["machine"]
    lines = [
        f"_Written by `make bench` (`tests/bench/report.py`) on {report['date']}: "
        f"{m['cores']} cores, {m['cpu']}, {m['memory']} RAM, {m['os']}; {m['rustc']}, node {m['node']}, "
        f"Python {m['python']}. Medians unless stated; MB = 2^20 bytes. Machine-readable: "
        f"`target/bench.json`. p99 figures move with any other load on the machine._",
        "",
    ]
    lines += native_section(report.get("native"))
    lines += browser_section(report.get("browser"))
    lines += size_section(report.get("size", {}))
    lines += peers_section(report.get("eval"), report.get("peers"), report.get("native"),
                           report.get("eval_only"))
    lines += timing_section(report.get("timings", []))
    return "\n".join(lines).rstrip() + "\n"


def rewrite_readme(path, table):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    a, b = text.find(START), text.find(END)
    if a < 0 or b < 0 or b < a:
        raise SystemExit(f"{path}: the markers {START} … {END} are missing; not touching it")
    new = text[: a + len(START)] + "\n" + table + text[b:]
    if new != text:
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=os.path.join(root, "target/bench"))
    ap.add_argument("--readme", default=os.path.join(root, "README.md"))
    ap.add_argument("--json", default=os.path.join(root, "target/bench.json"))
    ap.add_argument("--no-readme", action="store_true")
    args = ap.parse_args()

    native = load(os.path.join(args.dir, "native.json"))
    evaluation = load(os.path.join(args.dir, "eval.json"))
    if evaluation:
        # The per-draft id lists are for tuning, not for this report.
        for s in evaluation.get("scores", []):
            s.pop("missed", None)
            s.pop("false_alarms", None)
    eval_only = {}
    for c in ("password", "identifier"):
        e = load(os.path.join(args.dir, f"eval-only-{c}.json"))
        if e:
            for s in e.get("scores", []):
                s.pop("missed", None)
                s.pop("false_alarms", None)
            eval_only[c] = e
    report = {
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
        "native": native,
        "eval": evaluation,
        "eval_command": EVAL_CMD,
        "eval_only": eval_only,
        "peers": load(os.path.join(args.dir, "peers.json")),
        "browser": load(os.path.join(args.dir, "browser.json")),
        "size": sizes(root),
        "timings": timings(os.path.join(args.dir, "timings.tsv")),
    }
    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2, ensure_ascii=False)
    table = render(report)
    if not args.no_readme:
        rewrite_readme(args.readme, table)
    print(table)
    print(f"wrote {os.path.relpath(args.json, root)}" + ("" if args.no_readme else " and the README's performance table"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
