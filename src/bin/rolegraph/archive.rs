//! `rolegraph report STORE --out DIR`: the store as an HTML archive.

use std::path::Path;
use std::process::ExitCode;

use rolegraph::store::Store;

use crate::progress::Progress;

pub fn report(store_path: &Path, out: &Path) -> Result<ExitCode, String> {
    if !store_path.exists() {
        return Err(format!("no store at {}", store_path.display()));
    }
    let store = Store::open(store_path).map_err(|e| e.to_string())?;
    let total = store
        .counts()
        .map_err(|e| e.to_string())?
        .iter()
        .find(|(t, _)| *t == "documents")
        .map_or(0, |(_, n)| *n);
    let progress = Progress::new(Some(total));
    let written = store.report_with_progress(out, |done, _| {
        progress.advance(1, |secs| format!("{done} pages, {:.1} pages/s", done as f64 / secs));
    });
    progress.finish();
    let written = written.map_err(|e| e.to_string())?;
    let without = match written.without_text {
        0 => String::new(),
        n => format!(" ({n} without their text: ingested from extracted records)"),
    };
    eprintln!(
        "rolegraph: {} written in {:.1} s: {} document pages{without}, {} people, {} agencies, {} \
         meetings",
        out.join("index.html").display(),
        progress.elapsed().as_secs_f64(),
        written.documents,
        written.people,
        written.agencies,
        written.meetings
    );
    Ok(ExitCode::SUCCESS)
}
