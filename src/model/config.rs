//! `config.json` of a Hugging Face token-classification checkpoint.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, ErrorKind, Result};

/// The checkpoint families the engine runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Architecture {
    /// `BertForTokenClassification` (weights under `bert.`).
    Bert,
    /// `RobertaForTokenClassification` (weights under `roberta.`).
    Roberta,
    /// `XLMRobertaForTokenClassification` (weights under `roberta.`).
    XlmRoberta,
    /// `CamembertForTokenClassification` (weights under `roberta.`).
    Camembert,
    /// `DistilBertForTokenClassification` (weights under `distilbert.`).
    DistilBert,
}

impl Architecture {
    /// Parses a `transformers` class name or `model_type`.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "BertForTokenClassification" | "bert" => Architecture::Bert,
            "RobertaForTokenClassification" | "roberta" => Architecture::Roberta,
            "XLMRobertaForTokenClassification" | "xlm-roberta" => Architecture::XlmRoberta,
            "CamembertForTokenClassification" | "camembert" => Architecture::Camembert,
            "DistilBertForTokenClassification" | "distilbert" => Architecture::DistilBert,
            _ => return None,
        })
    }

    /// The `transformers` class name.
    pub fn class_name(self) -> &'static str {
        match self {
            Architecture::Bert => "BertForTokenClassification",
            Architecture::Roberta => "RobertaForTokenClassification",
            Architecture::XlmRoberta => "XLMRobertaForTokenClassification",
            Architecture::Camembert => "CamembertForTokenClassification",
            Architecture::DistilBert => "DistilBertForTokenClassification",
        }
    }

    /// The prefix `save_pretrained` puts before the encoder's weights.
    pub(crate) fn weight_prefix(self) -> &'static str {
        match self {
            Architecture::Bert => "bert",
            Architecture::Roberta | Architecture::XlmRoberta | Architecture::Camembert => "roberta",
            Architecture::DistilBert => "distilbert",
        }
    }

    /// RoBERTa-family models number positions from `pad_token_id + 1`.
    pub(crate) fn offsets_positions_by_padding(self) -> bool {
        matches!(self, Architecture::Roberta | Architecture::XlmRoberta | Architecture::Camembert)
    }
}

/// Feed-forward activation, as named in `config.json`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    /// Exact GELU (`gelu`).
    Gelu,
    /// Tanh-approximated GELU (`gelu_new`, `gelu_pytorch_tanh`).
    GeluTanh,
    /// `relu`.
    Relu,
}

impl Activation {
    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "gelu" => Activation::Gelu,
            "gelu_new" | "gelu_pytorch_tanh" | "gelu_fast" => Activation::GeluTanh,
            "relu" => Activation::Relu,
            _ => return None,
        })
    }
}

/// The fields of `config.json` the engine needs, normalised across families.
#[derive(Clone, Debug)]
pub struct ModelConfig {
    /// Which family the checkpoint belongs to.
    pub architecture: Architecture,
    /// Rows of the word-embedding matrix.
    pub vocab_size: usize,
    /// Width of the hidden states.
    pub hidden_size: usize,
    /// Transformer layers.
    pub num_layers: usize,
    /// Attention heads per layer.
    pub num_heads: usize,
    /// Width of the feed-forward layer.
    pub intermediate_size: usize,
    /// Feed-forward activation.
    pub activation: Activation,
    /// Rows of the position-embedding matrix.
    pub max_position_embeddings: usize,
    /// Rows of the token-type matrix (0 for DistilBERT).
    pub type_vocab_size: usize,
    /// Layer-norm epsilon.
    pub layer_norm_eps: f64,
    /// Padding id (also the position offset of RoBERTa-family models).
    pub pad_token_id: u32,
    /// Labels by class index, from `id2label`.
    pub labels: Vec<String>,
}

impl ModelConfig {
    /// Floating-point operations (a multiply-add counts two) of one forward
    /// pass over a sequence of `tokens` positions: per layer the Q, K, V and
    /// output projections (`4·n·h²`), the attention scores and their weighted
    /// sum (`2·n²·h`) and the feed-forward layer (`2·n·h·i`), then the
    /// classifier. Embedding look-ups, layer norms and softmax are left out.
    /// Divided by a measured time it gives the GFLOP/s a run achieved.
    ///
    /// ```
    /// # fn main() -> rolegraph::Result<()> {
    /// let ner = rolegraph::Extractor::builder().build()?;
    /// let c = ner.config();
    /// let (h, i) = (c.hidden_size as u64, c.intermediate_size as u64);
    /// let per_layer = 2 * (4 * 32 * h * h + 2 * 32 * 32 * h + 2 * 32 * h * i);
    /// let classifier = 2 * 32 * h * c.labels.len() as u64;
    /// assert_eq!(c.forward_flops(32), c.num_layers as u64 * per_layer + classifier);
    /// # Ok(())
    /// # }
    /// ```
    pub fn forward_flops(&self, tokens: usize) -> u64 {
        let (n, h, i) = (tokens as u64, self.hidden_size as u64, self.intermediate_size as u64);
        let layer = 4 * n * h * h + 2 * n * n * h + 2 * n * h * i;
        2 * (self.num_layers as u64 * layer + n * h * self.labels.len() as u64)
    }

    /// The most tokens (special tokens included) one forward pass can take.
    pub fn max_tokens(&self) -> usize {
        if self.architecture.offsets_positions_by_padding() {
            self.max_position_embeddings.saturating_sub(self.pad_token_id as usize + 1)
        } else {
            self.max_position_embeddings
        }
    }

    /// Reads and validates `config.json`; `path` names the file in errors.
    pub fn from_json(json: &str, path: &Path) -> Result<Self> {
        let raw: RawConfig = serde_json::from_str(json).map_err(|e| {
            Error::new(ErrorKind::Model, format!("{}: invalid config.json: {e}", path.display()))
                .with_path(path)
                .with_source(e)
        })?;
        raw.validate(path)
    }
}

#[derive(Deserialize)]
struct RawConfig {
    architectures: Option<Vec<String>>,
    model_type: Option<String>,
    vocab_size: Option<usize>,
    // BERT / RoBERTa names
    hidden_size: Option<usize>,
    num_hidden_layers: Option<usize>,
    num_attention_heads: Option<usize>,
    intermediate_size: Option<usize>,
    hidden_act: Option<String>,
    type_vocab_size: Option<usize>,
    layer_norm_eps: Option<f64>,
    position_embedding_type: Option<String>,
    // DistilBERT names
    dim: Option<usize>,
    n_layers: Option<usize>,
    n_heads: Option<usize>,
    hidden_dim: Option<usize>,
    activation: Option<String>,
    // shared
    max_position_embeddings: Option<usize>,
    pad_token_id: Option<u32>,
    id2label: Option<BTreeMap<String, String>>,
}

impl RawConfig {
    fn validate(self, path: &Path) -> Result<ModelConfig> {
        let bad = |msg: String| {
            Error::new(ErrorKind::Model, format!("{}: {msg}", path.display())).with_path(path)
        };
        let names: Vec<&str> = self
            .architectures
            .iter()
            .flatten()
            .map(String::as_str)
            .chain(self.model_type.as_deref())
            .collect();
        let architecture =
            names.iter().find_map(|n| Architecture::from_name(n)).ok_or_else(|| {
                bad(format!(
                    "unsupported architecture {names:?}; supported: BertForTokenClassification, \
                     RobertaForTokenClassification, XLMRobertaForTokenClassification, \
                     CamembertForTokenClassification, DistilBertForTokenClassification"
                ))
            })?;
        if let Some(kind) = self.position_embedding_type.as_deref() {
            if kind != "absolute" {
                return Err(bad(format!("position_embedding_type {kind:?} is not supported")));
            }
        }
        let distil = architecture == Architecture::DistilBert;
        let need = |v: Option<usize>, name: &str| v.ok_or_else(|| bad(format!("missing `{name}`")));
        let (hidden_size, num_layers, num_heads, intermediate_size, act) = if distil {
            (
                need(self.dim, "dim")?,
                need(self.n_layers, "n_layers")?,
                need(self.n_heads, "n_heads")?,
                need(self.hidden_dim, "hidden_dim")?,
                self.activation.unwrap_or_else(|| "gelu".into()),
            )
        } else {
            (
                need(self.hidden_size, "hidden_size")?,
                need(self.num_hidden_layers, "num_hidden_layers")?,
                need(self.num_attention_heads, "num_attention_heads")?,
                need(self.intermediate_size, "intermediate_size")?,
                self.hidden_act.unwrap_or_else(|| "gelu".into()),
            )
        };
        let activation = Activation::from_name(&act)
            .ok_or_else(|| bad(format!("unsupported activation {act:?}")))?;
        if num_heads == 0 || hidden_size % num_heads != 0 {
            return Err(bad(format!(
                "hidden size {hidden_size} is not divisible by {num_heads} attention heads"
            )));
        }
        let id2label = self.id2label.ok_or_else(|| bad("missing `id2label`".into()))?;
        let mut indexed = Vec::with_capacity(id2label.len());
        for (k, v) in id2label {
            let i: usize =
                k.parse().map_err(|_| bad(format!("id2label key {k:?} is not an integer")))?;
            indexed.push((i, v));
        }
        indexed.sort();
        for (pos, (i, label)) in indexed.iter().enumerate() {
            if *i != pos {
                return Err(bad(format!(
                    "id2label is not a dense 0..n mapping (id {i} for label {label:?})"
                )));
            }
        }
        let labels: Vec<String> = indexed.into_iter().map(|(_, v)| v).collect();
        if labels.is_empty() {
            return Err(bad("id2label is empty".into()));
        }
        Ok(ModelConfig {
            architecture,
            vocab_size: need(self.vocab_size, "vocab_size")?,
            hidden_size,
            num_layers,
            num_heads,
            intermediate_size,
            activation,
            max_position_embeddings: need(self.max_position_embeddings, "max_position_embeddings")?,
            type_vocab_size: if distil { 0 } else { self.type_vocab_size.unwrap_or(2) },
            layer_norm_eps: self.layer_norm_eps.unwrap_or(1e-12),
            pad_token_id: self
                .pad_token_id
                .unwrap_or(if architecture.offsets_positions_by_padding() { 1 } else { 0 }),
            labels,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<ModelConfig> {
        ModelConfig::from_json(json, Path::new("config.json"))
    }

    const BERT: &str = r#"{"architectures":["BertForTokenClassification"],"vocab_size":100,
        "hidden_size":32,"num_hidden_layers":2,"num_attention_heads":4,"intermediate_size":64,
        "max_position_embeddings":40,"id2label":{"0":"O","1":"B-PER","2":"I-PER"}}"#;

    #[test]
    fn parses_bert() {
        let c = parse(BERT).unwrap();
        assert_eq!(c.architecture, Architecture::Bert);
        assert_eq!(c.labels, ["O", "B-PER", "I-PER"]);
        assert_eq!(c.max_tokens(), 40);
        assert_eq!(c.activation, Activation::Gelu);
    }

    #[test]
    fn roberta_positions_are_offset() {
        let json = BERT
            .replace("BertFor", "XLMRobertaFor")
            .replace("\"vocab_size\"", "\"pad_token_id\":1,\"vocab_size\"");
        let c = parse(&json).unwrap();
        assert_eq!(c.architecture, Architecture::XlmRoberta);
        assert_eq!(c.max_tokens(), 38);
    }

    #[test]
    fn unknown_architecture_is_an_error() {
        let err = parse(&BERT.replace("BertFor", "GPT2For")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Model);
        assert!(err.to_string().contains("GPT2ForTokenClassification"), "{err}");
    }

    #[test]
    fn sparse_id2label_is_an_error() {
        let err = parse(&BERT.replace("\"2\":\"I-PER\"", "\"5\":\"I-PER\"")).unwrap_err();
        assert!(err.to_string().contains("dense"), "{err}");
    }
}
