//! The rust-bert backend (feature `rust-bert`): the same checkpoint run by
//! rust-bert's BERT-family models on libtorch.
//!
//! rust-bert's model structs are built from the engine's [`ModelConfig`] and
//! filled with the tensors of the same `model.safetensors` the candle backend
//! reads (converted to libtorch tensors at load time), so one model directory
//! serves both backends.

use std::collections::HashMap;
use std::sync::Mutex;

use ndarray::Array3;
use rust_bert::bert::{BertConfig, BertForTokenClassification};
use rust_bert::distilbert::{DistilBertConfig, DistilBertForTokenClassification};
use rust_bert::roberta::RobertaForTokenClassification;
use rust_bert::Activation as RbActivation;
use tch::{nn, Kind, Tensor};

use super::config::{Activation, Architecture, ModelConfig};
use super::{Backend, Batch, Weights};
use crate::error::{Error, ErrorKind, Result};

enum Net {
    Bert(BertForTokenClassification),
    Roberta(RobertaForTokenClassification),
    Distil(DistilBertForTokenClassification),
}

struct Inner {
    _vars: nn::VarStore,
    net: Net,
}

/// [`Backend`] on rust-bert + libtorch (CPU, or CUDA when libtorch has it).
pub struct RustBertBackend {
    // libtorch tensors are `Send` but not `Sync`: forward passes take turns.
    inner: Mutex<Inner>,
    uses_token_types: bool,
}

fn err(msg: String) -> Error {
    Error::new(ErrorKind::Backend, msg)
}

impl RustBertBackend {
    /// Builds the rust-bert model for `config` and loads `weights` into it.
    pub(crate) fn load(weights: &Weights, config: &ModelConfig) -> Result<Self> {
        let device = tch::Device::cuda_if_available();
        let mut vars = nn::VarStore::new(device);
        let id2label: HashMap<i64, String> =
            config.labels.iter().enumerate().map(|(i, l)| (i as i64, l.clone())).collect();
        let label2id = id2label.iter().map(|(i, l)| (l.clone(), *i)).collect();
        let act = match config.activation {
            Activation::Gelu => RbActivation::gelu,
            Activation::GeluTanh => RbActivation::gelu_new,
            Activation::Relu => RbActivation::relu,
        };
        let root = vars.root();
        let (net, prefix) = match config.architecture {
            Architecture::DistilBert => {
                let cfg = DistilBertConfig {
                    activation: act,
                    dim: config.hidden_size as i64,
                    hidden_dim: config.intermediate_size as i64,
                    n_heads: config.num_heads as i64,
                    n_layers: config.num_layers as i64,
                    max_position_embeddings: config.max_position_embeddings as i64,
                    vocab_size: config.vocab_size as i64,
                    id2label: Some(id2label),
                    label2id: Some(label2id),
                    ..Default::default()
                };
                let net = DistilBertForTokenClassification::new(&root, &cfg)
                    .map_err(|e| err(format!("rust-bert: {e}")))?;
                (Net::Distil(net), "distilbert")
            }
            arch => {
                let cfg = BertConfig {
                    hidden_act: act,
                    hidden_size: config.hidden_size as i64,
                    intermediate_size: config.intermediate_size as i64,
                    num_attention_heads: config.num_heads as i64,
                    num_hidden_layers: config.num_layers as i64,
                    max_position_embeddings: config.max_position_embeddings as i64,
                    type_vocab_size: config.type_vocab_size.max(1) as i64,
                    vocab_size: config.vocab_size as i64,
                    id2label: Some(id2label),
                    label2id: Some(label2id),
                    ..Default::default()
                };
                if arch == Architecture::Bert {
                    let net = BertForTokenClassification::new(&root, &cfg)
                        .map_err(|e| err(format!("rust-bert: {e}")))?;
                    (Net::Bert(net), "bert")
                } else {
                    if config.pad_token_id != 1 {
                        return Err(err(format!(
                            "rust-bert numbers RoBERTa positions from padding id 1; this model pads with {}",
                            config.pad_token_id
                        )));
                    }
                    let net = RobertaForTokenClassification::new(&root, &cfg)
                        .map_err(|e| err(format!("rust-bert: {e}")))?;
                    (Net::Roberta(net), "roberta")
                }
            }
        };
        fill(&mut vars, weights, prefix)?;
        Ok(RustBertBackend {
            inner: Mutex::new(Inner { _vars: vars, net }),
            uses_token_types: config.type_vocab_size > 0,
        })
    }
}

/// Copies every checkpoint tensor into the variable of the same name
/// (rust-bert's DistilBERT sits at the root, the checkpoint's under `distilbert.`).
fn fill(vars: &mut nn::VarStore, weights: &Weights, prefix: &str) -> Result<()> {
    let file = weights.name();
    let bad = |msg: String| {
        Error::new(ErrorKind::Model, format!("{}: {msg}", file.display())).with_path(&file)
    };
    let tensors = match weights {
        Weights::File(p) => candle_core::safetensors::load(p, &candle_core::Device::Cpu),
        Weights::Packed(b) => crate::model::packed_tensors(b),
    }
    .map_err(|e| bad(e.to_string()))?;
    let _guard = tch::no_grad_guard();
    for (name, mut var) in vars.variables() {
        let candidates = [name.clone(), format!("{prefix}.{name}")];
        let Some(src) = candidates.iter().find_map(|n| tensors.get(n)) else {
            // rust-bert's BERT builds a pooler that token classification never runs.
            if name.contains(".pooler.") {
                continue;
            }
            return Err(bad(format!("no tensor for rust-bert variable `{name}`")));
        };
        let dims: Vec<i64> = src.dims().iter().map(|&d| d as i64).collect();
        if dims != var.size() {
            return Err(bad(format!("`{name}`: shape {:?}, model expects {:?}", dims, var.size())));
        }
        let data: Vec<f32> = src
            .to_dtype(candle_core::DType::F32)
            .and_then(|t| t.flatten_all())
            .and_then(|t| t.to_vec1())
            .map_err(|e| bad(format!("`{name}`: {e}")))?;
        var.copy_(&Tensor::of_slice(&data).view(dims.as_slice()).to_device(var.device()));
    }
    Ok(())
}

impl Backend for RustBertBackend {
    fn logits(&self, batch: &Batch) -> Result<Array3<f32>> {
        let (b, s) = batch.ids.dim();
        let as_tensor = |a: &ndarray::Array2<u32>| {
            let v: Vec<i64> = a.iter().map(|&x| x as i64).collect();
            Tensor::of_slice(&v).view([b as i64, s as i64])
        };
        let inner = self.inner.lock().map_err(|_| err("rust-bert backend poisoned".into()))?;
        let device = inner._vars.device();
        let ids = as_tensor(&batch.ids).to_device(device);
        let mask = as_tensor(&batch.mask).to_device(device);
        let types = as_tensor(&batch.type_ids).to_device(device);
        let types = self.uses_token_types.then_some(&types);
        let logits = tch::no_grad(|| match &inner.net {
            Net::Bert(m) => {
                Ok(m.forward_t(Some(&ids), Some(&mask), types, None, None, false).logits)
            }
            Net::Roberta(m) => {
                Ok(m.forward_t(Some(&ids), Some(&mask), None, None, None, false).logits)
            }
            Net::Distil(m) => m
                .forward_t(Some(&ids), Some(&mask), None, false)
                .map(|o| o.logits)
                .map_err(|e| err(format!("rust-bert: {e}"))),
        })?;
        let labels = logits.size().last().copied().unwrap_or(0) as usize;
        let data: Vec<f32> =
            Vec::from(&logits.to_kind(Kind::Float).to_device(tch::Device::Cpu).flatten(0, -1));
        Array3::from_shape_vec((b, s, labels), data).map_err(|e| err(format!("logits shape: {e}")))
    }
}
