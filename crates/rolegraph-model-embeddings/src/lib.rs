//! Word embeddings of the default `rolegraph-ner` model of the `rolegraph`
//! crate (the rest is in crate `rolegraph-model`): written by
//! `tools/package/quantize_model.py` from `models/rolegraph-ner`.
#![no_std]

/// `bert.embeddings.word_embeddings.weight` as safetensors: int8 (I8) with
/// one f32 scale per row (`….weight.scale`).
pub static EMBEDDINGS_SAFETENSORS: &[u8] = include_bytes!("../data/embeddings.safetensors");
