//! Downloading checkpoints from the Hugging Face hub (feature `hub`).

use std::path::PathBuf;

use crate::error::{Error, ErrorKind, Result};

/// Fetches `config.json`, `tokenizer.json` and `model.safetensors` of
/// `model_id` into the standard cache and returns the snapshot directory.
pub(crate) fn download(model_id: &str) -> Result<PathBuf> {
    let fail = |what: &str, e: hf_hub::api::sync::ApiError| {
        Error::new(
            ErrorKind::Hub,
            format!("hub model {model_id:?}: cannot fetch {what}: {e} (offline? use model_dir with a local copy)"),
        )
        .with_source(e)
    };
    let api = hf_hub::api::sync::ApiBuilder::from_env()
        .with_progress(false)
        .build()
        .map_err(|e| fail("the hub client", e))?;
    let repo = api.model(model_id.to_string());
    let mut dir = None;
    for file in ["config.json", "tokenizer.json", "model.safetensors"] {
        let path = repo.get(file).map_err(|e| fail(file, e))?;
        dir = path.parent().map(PathBuf::from);
    }
    dir.ok_or_else(|| Error::new(ErrorKind::Hub, format!("hub model {model_id:?}: empty snapshot")))
}
