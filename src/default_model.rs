//! The default model, from the companion crates `rolegraph-model` and
//! `rolegraph-model-embeddings` (feature `embedded-model`, on by default).

use crate::error::Result;
use crate::extractor::ModelSource;

/// Name of the embedded model directory under `models/`.
pub const DEFAULT_MODEL_NAME: &str = "rolegraph-ner";

#[cfg(feature = "embedded-model")]
pub(crate) fn source() -> Result<ModelSource> {
    use crate::extractor::TokenizerSource;
    use crate::model::Weights;
    use std::path::PathBuf;
    static BUFFERS: [&[u8]; 2] =
        [rolegraph_model::ENCODER_SAFETENSORS, rolegraph_model_embeddings::EMBEDDINGS_SAFETENSORS];
    Ok(ModelSource {
        config_json: rolegraph_model::CONFIG_JSON.to_string(),
        config_path: PathBuf::from("<embedded>/config.json"),
        tokenizer: TokenizerSource::Static(rolegraph_model::TOKENIZER_JSON),
        weights: Weights::Packed(&BUFFERS),
    })
}

#[cfg(not(feature = "embedded-model"))]
pub(crate) fn source() -> Result<ModelSource> {
    use crate::error::{Error, ErrorKind};
    Err(Error::new(
        ErrorKind::Model,
        "this build has no embedded default model (built without the `embedded-model` \
         feature); use Extractor::builder().model_dir(..)",
    ))
}
