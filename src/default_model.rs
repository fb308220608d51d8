//! The default model, embedded at build time from `models/rolegraph-ner`.

use crate::error::{Error, ErrorKind, Result};
use crate::extractor::ModelSource;

/// Name of the embedded model directory under `models/`.
pub const DEFAULT_MODEL_NAME: &str = "rolegraph-ner";

#[cfg(rolegraph_embedded_model)]
pub(crate) fn source() -> Result<ModelSource> {
    use crate::extractor::TokenizerSource;
    use crate::model::Weights;
    use std::path::PathBuf;
    macro_rules! model_file {
        ($f:literal) => {
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/models/rolegraph-ner/", $f))
        };
    }
    let config = std::str::from_utf8(model_file!("config.json"))
        .map_err(|e| Error::new(ErrorKind::Model, format!("embedded config.json: {e}")))?;
    Ok(ModelSource {
        config_json: config.to_string(),
        config_path: PathBuf::from("<embedded>/config.json"),
        tokenizer: TokenizerSource::Static(model_file!("tokenizer.json")),
        weights: Weights::Static(model_file!("model.safetensors")),
    })
}

#[cfg(not(rolegraph_embedded_model))]
pub(crate) fn source() -> Result<ModelSource> {
    Err(Error::new(
        ErrorKind::Model,
        "this build has no embedded default model (models/rolegraph-ner was incomplete at \
         build time); use Extractor::builder().model_dir(..)",
    ))
}
