//! The default `rolegraph-ner` model of the `rolegraph` crate, less its word
//! embeddings (crate `rolegraph-model-embeddings`): written by
//! `tools/package/quantize_model.py` from `models/rolegraph-ner`.
#![no_std]

/// `config.json` of the model.
pub static CONFIG_JSON: &str = include_str!("../data/config.json");
/// `tokenizer.json` of the model.
pub static TOKENIZER_JSON: &[u8] = include_bytes!("../data/tokenizer.json");
/// Every tensor but the word embeddings, as safetensors: the encoder's dense
/// weights int8 (`NAME`, I8) with one f32 scale per row (`NAME.scale`), the
/// rest fp16 as trained.
pub static ENCODER_SAFETENSORS: &[u8] = include_bytes!("../data/encoder.safetensors");
