//! Helpers shared by the tests that run the `rolegraph` command.

use std::path::Path;
use std::process::Command;

/// The `rolegraph` binary of this build.
pub fn rolegraph() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rolegraph"))
}

/// The tiny BERT fixture model directory: fast, and enough to check commands
/// and records (its entities are noise).
pub fn fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/models/bert")
        .to_string_lossy()
        .into_owned()
}
