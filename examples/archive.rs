//! Stores text files (default: the seed press release) in an in-memory
//! knowledge-graph store and writes its HTML archive.
//!
//! ```sh
//! cargo run --release --example archive -- OUT_DIR [FILE.txt…]
//! xdg-open OUT_DIR/index.html
//! ```

use rolegraph::store::Store;

const SEED: &str = include_str!("seed-000.txt");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = args.next().ok_or("usage: archive OUT_DIR [FILE.txt…]")?;
    let mut docs: Vec<(String, String)> = Vec::new();
    for path in args {
        let id = std::path::Path::new(&path)
            .file_stem()
            .map_or_else(|| path.clone(), |s| s.to_string_lossy().into_owned());
        docs.push((id, std::fs::read_to_string(&path)?));
    }
    if docs.is_empty() {
        docs.push(("seed-000".into(), SEED.into()));
    }
    let mut store = Store::open_in_memory()?;
    for (id, text) in &docs {
        store.ingest(id, text, &rolegraph::extract(text)?)?;
    }
    let written = store.report(&out)?;
    println!(
        "{out}/index.html: {} document pages, {} people, {} agencies, {} meetings",
        written.documents, written.people, written.agencies, written.meetings
    );
    Ok(())
}
