//! Prints people, roles, meetings and discussed topics of the seed press
//! release (or of a file given as the first argument).
//!
//! ```sh
//! cargo run --release --example relations [FILE]
//! ```

const SEED: &str = include_str!("seed-000.txt");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(path)?,
        None => SEED.to_string(),
    };
    let found = rolegraph::extract(&text)?;
    print!("{}", found.relation_tables());
    Ok(())
}
