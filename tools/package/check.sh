#!/usr/bin/env bash
# Packages rolegraph and its two model crates, checks each .crate is under
# crates.io's 10 MB limit, and builds a fresh project on the unpacked crates
# (offline) whose `rolegraph::extract` on the seed text must give the
# entities of the repository build.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}
limit=$((10 * 1024 * 1024))
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# --no-verify: the packaged build is checked below, on the unpacked crates.
cargo package --workspace --offline --allow-dirty --no-verify -q 2>/dev/null
for c in rolegraph-model rolegraph-model-embeddings rolegraph; do
    f=$target/package/$c-0.1.0.crate
    size=$(stat -c %s "$f")
    echo "$c: $size bytes"
    [ "$size" -le "$limit" ] || { echo "$f is over 10 MB" >&2; exit 1; }
    tar -xzf "$f" -C "$tmp"
done
# Point the packaged rolegraph's registry dependencies on the model crates at
# the unpacked ones.
mkdir -p "$tmp/app/src"
cat > "$tmp/app/Cargo.toml" <<TOML
[package]
name = "app"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
rolegraph = { path = "../rolegraph-0.1.0" }
serde_json = "1"

[patch.crates-io]
rolegraph-model = { path = "../rolegraph-model-0.1.0" }
rolegraph-model-embeddings = { path = "../rolegraph-model-embeddings-0.1.0" }

# The repository's release profile, so that its dependency builds are reused.
[profile.release]
debug = false
lto = "thin"
codegen-units = 4
TOML
cat > "$tmp/app/src/main.rs" <<'RS'
fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let found = rolegraph::extract(&text).unwrap();
    let ents: Vec<_> = found
        .entities
        .iter()
        .map(|e| serde_json::json!([e.label, e.text, e.bytes.start, e.bytes.end]))
        .collect();
    println!("{}", serde_json::to_string(&ents).unwrap());
}
RS
cp Cargo.lock "$tmp/app/Cargo.lock"
seed=$root/examples/seed-000.txt
(cd "$tmp/app" && CARGO_TARGET_DIR=$target cargo run --release --offline -q -- "$seed") > "$tmp/packaged.json"
cargo run --release --offline -q -- extract "$seed" --format json |
    python3 -c 'import json,sys; print(json.dumps([[e["label"],e["text"],e["bytes"]["start"],e["bytes"]["end"]] for e in json.load(sys.stdin)["entities"]], separators=(",", ":")))' > "$tmp/repo.json"
python3 -c 'import json,sys; a,b=(json.load(open(f)) for f in sys.argv[1:]); sys.exit(0 if a==b else f"packaged build entities differ:\n{a}\n{b}")' "$tmp/packaged.json" "$tmp/repo.json"
echo "packaged crates: seed entities match the repository build ($(python3 -c 'import json,sys;print(len(json.load(open(sys.argv[1]))))' "$tmp/repo.json") entities)"
