#!/usr/bin/env bash
# Installs what the test suite needs besides Rust, when it is missing:
# python3 with rdflib (tests/relations_graph.rs reads the RDF exports with
# tools/rdf/check_isomorphic.py) and Chromium (tests/html_report.rs renders
# the HTML report headless). Debian/Ubuntu: apt-get, as root or with sudo.
set -euo pipefail

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}
apt_updated=
apt_install() {
    if [ -z "$apt_updated" ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        apt_updated=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

if ! command -v python3 >/dev/null 2>&1; then
    apt_install python3 python3-rdflib
fi
if ! python3 -c 'import rdflib' 2>/dev/null; then
    # A pip of its own (pyenv, venv) first; Debian's python3 refuses plain
    # pip installs (PEP 668), so then with --break-system-packages (user
    # site), then Debian's own package.
    python3 -m pip install -q rdflib 2>/dev/null \
        || python3 -m pip install -q --break-system-packages rdflib 2>/dev/null \
        || apt_install python3-rdflib
fi
python3 -c 'import rdflib; print("rdflib", rdflib.__version__, "for", __import__("sys").executable)'

if ! command -v chromium >/dev/null 2>&1; then
    apt_install chromium
fi
chromium --version
