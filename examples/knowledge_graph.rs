//! Exports the knowledge graph of the seed press release in every format.
//!
//! ```sh
//! cargo run --release --example knowledge_graph [FORMAT]   # json, jsonld, ntriples, graphml, dot
//! ```

use rolegraph::graph::Format;

const SEED: &str = include_str!("seed-000.txt");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let found = rolegraph::extract(SEED)?;
    let formats: Vec<Format> = match std::env::args().nth(1) {
        Some(f) => vec![f.parse()?],
        None => vec![Format::Json, Format::JsonLd, Format::NTriples, Format::GraphMl, Format::Dot],
    };
    for format in formats {
        println!("===== {format} =====");
        println!("{}", found.graph.export(format));
    }
    Ok(())
}
