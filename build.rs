//! Embeds the default model when `models/rolegraph-ner` holds one.
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/rolegraph-ner");
    println!("cargo::rustc-check-cfg=cfg(rolegraph_embedded_model)");
    for f in ["config.json", "tokenizer.json", "model.safetensors"] {
        println!("cargo::rerun-if-changed={}", dir.join(f).display());
    }
    let complete = ["config.json", "tokenizer.json", "model.safetensors"]
        .iter()
        .all(|f| dir.join(f).is_file());
    if complete {
        println!("cargo::rustc-cfg=rolegraph_embedded_model");
    } else {
        println!("cargo::warning=models/rolegraph-ner is incomplete: building without an embedded default model");
    }
}
