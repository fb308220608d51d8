#!/usr/bin/env bash
# F1 of the Rust pipeline (`rolegraph eval-ner`) on every held-out split, one line per set.
#   python3 tools/train/export_heldout.py --out /tmp/heldout
#   cargo build --release --bin rolegraph
#   bash tools/train/eval_rust.sh /tmp/heldout [MODEL_DIR]
# WikiANN and Europeana have no MISC: they are scored on PER, ORG, LOC only; the other sets on PER, ORG,
# LOC and MISC (none of them annotates DATE, which the model also tags).
set -euo pipefail
dir=${1:?held-out directory}
model=${2:-}
bin=${ROLEGRAPH_BIN:-target/release/rolegraph}
for f in "$dir"/*.conllu; do
  name=$(basename "$f" .conllu)
  args=(eval-ner --data "$f" --json)
  [[ -n "$model" ]] && args+=(--model "$model")
  case "$name" in
    wikiann__*|europeana__*) args+=(--types PER,ORG,LOC) ;;
    *) args+=(--types PER,ORG,LOC,MISC) ;;
  esac
  f1=$("$bin" "${args[@]}" | python3 -c 'import json,sys; print("%.1f" % (json.load(sys.stdin)["f1"] * 100))')
  echo "$name $f1"
done
