//! BERT-family encoders with a token-classification head, on candle.
//!
//! One implementation serves BERT, RoBERTa, XLM-RoBERTa and CamemBERT (they
//! share the layer structure; RoBERTa-family models number positions from
//! `pad_token_id + 1` and keep their weights under `roberta.`) and another
//! DistilBERT (different key names, no token types). Struct trees mirror the
//! checkpoint's key trees, as in `modeling_bert.py` / `modeling_distilbert.py`.

use candle_core::{DType, Device, Module, Tensor};
use candle_nn::{Embedding, VarBuilder};

use super::config::{Activation, Architecture, ModelConfig};
use super::int8::Kernel;
use super::ops::{add_, attention, LayerNorm, Linear};

type CResult<T> = candle_core::Result<T>;

/// A dense layer, quantised to int8 for `int8`'s kernel when given.
fn dense(w: Tensor, b: Tensor, int8: Option<Kernel>) -> CResult<Linear> {
    match int8 {
        Some(kernel) => Linear::quantized(w, b, kernel),
        None => Linear::new(w, b),
    }
}

fn linear(vb: VarBuilder, in_dim: usize, out_dim: usize, int8: Option<Kernel>) -> CResult<Linear> {
    let w = vb.get((out_dim, in_dim), "weight")?;
    let b = vb.get(out_dim, "bias")?;
    dense(w, b, int8)
}

/// LayerNorm under `weight`/`bias`, or the `gamma`/`beta` names of old checkpoints.
fn layer_norm(vb: VarBuilder, size: usize, eps: f64) -> CResult<LayerNorm> {
    let (w, b) = if vb.contains_tensor("weight") || !vb.contains_tensor("gamma") {
        (vb.get(size, "weight")?, vb.get(size, "bias")?)
    } else {
        (vb.get(size, "gamma")?, vb.get(size, "beta")?)
    };
    LayerNorm::new(w, b, eps)
}

fn activate(act: Activation, x: Tensor) -> CResult<Tensor> {
    match act {
        Activation::Gelu => super::ops::gelu_erf_(x),
        Activation::GeluTanh => x.gelu(),
        Activation::Relu => x.relu(),
    }
}

/// Multi-head self-attention with a fused QKV projection.
struct SelfAttention {
    qkv: Linear,
    out: Linear,
    norm: LayerNorm,
    heads: usize,
}

impl SelfAttention {
    fn new(
        qkv: [(Tensor, Tensor); 3],
        out: Linear,
        norm: LayerNorm,
        cfg: &ModelConfig,
        int8: Option<Kernel>,
    ) -> CResult<Self> {
        let [(qw, qb), (kw, kb), (vw, vb)] = qkv;
        // Scaling the query projection by 1/√d scales q·kᵀ without a pass
        // over the (seq × seq) scores.
        let scale = 1.0 / ((cfg.hidden_size / cfg.num_heads) as f64).sqrt();
        let (qw, qb) = ((qw * scale)?, (qb * scale)?);
        let w = Tensor::cat(&[qw, kw, vw], 0)?;
        let b = Tensor::cat(&[qb, kb, vb], 0)?;
        Ok(SelfAttention { qkv: dense(w, b, int8)?, out, norm, heads: cfg.num_heads })
    }

    /// `x`: (batch, seq, hidden); `mask`: (batch, seq) f32, 0 at padding.
    fn forward(&self, x: &Tensor, mask: &Tensor) -> CResult<Tensor> {
        let ctx = attention(&self.qkv.forward(x)?, mask, self.heads)?;
        self.norm.add_forward(self.out.forward(&ctx)?, x)
    }
}

/// Attention + feed-forward, each with a residual and post-LayerNorm.
struct Layer {
    attention: SelfAttention,
    up: Linear,
    down: Linear,
    norm: LayerNorm,
    act: Activation,
}

impl Layer {
    fn forward(&self, x: &Tensor, mask: &Tensor) -> CResult<Tensor> {
        let x = self.attention.forward(x, mask)?;
        let y = activate(self.act, self.up.forward(&x)?)?;
        self.norm.add_forward(self.down.forward(&y)?, &x)
    }

    /// `bert.encoder.layer.N` (BERT, RoBERTa family).
    fn load_bert(vb: VarBuilder, cfg: &ModelConfig, int8: Option<Kernel>) -> CResult<Self> {
        let h = cfg.hidden_size;
        let att = vb.pp("attention");
        let sa = att.pp("self");
        let get = |name: &str| -> CResult<(Tensor, Tensor)> {
            let p = sa.pp(name);
            Ok((p.get((h, h), "weight")?, p.get(h, "bias")?))
        };
        let out = att.pp("output");
        let attention = SelfAttention::new(
            [get("query")?, get("key")?, get("value")?],
            linear(out.pp("dense"), h, h, int8)?,
            layer_norm(out.pp("LayerNorm"), h, cfg.layer_norm_eps)?,
            cfg,
            int8,
        )?;
        Ok(Layer {
            attention,
            up: linear(vb.pp("intermediate").pp("dense"), h, cfg.intermediate_size, int8)?,
            down: linear(vb.pp("output").pp("dense"), cfg.intermediate_size, h, int8)?,
            norm: layer_norm(vb.pp("output").pp("LayerNorm"), h, cfg.layer_norm_eps)?,
            act: cfg.activation,
        })
    }

    /// `distilbert.transformer.layer.N`.
    fn load_distilbert(vb: VarBuilder, cfg: &ModelConfig, int8: Option<Kernel>) -> CResult<Self> {
        let h = cfg.hidden_size;
        let att = vb.pp("attention");
        let get = |name: &str| -> CResult<(Tensor, Tensor)> {
            let p = att.pp(name);
            Ok((p.get((h, h), "weight")?, p.get(h, "bias")?))
        };
        let attention = SelfAttention::new(
            [get("q_lin")?, get("k_lin")?, get("v_lin")?],
            linear(att.pp("out_lin"), h, h, int8)?,
            layer_norm(vb.pp("sa_layer_norm"), h, cfg.layer_norm_eps)?,
            cfg,
            int8,
        )?;
        Ok(Layer {
            attention,
            up: linear(vb.pp("ffn").pp("lin1"), h, cfg.intermediate_size, int8)?,
            down: linear(vb.pp("ffn").pp("lin2"), cfg.intermediate_size, h, int8)?,
            norm: layer_norm(vb.pp("output_layer_norm"), h, cfg.layer_norm_eps)?,
            act: cfg.activation,
        })
    }
}

/// Word + position (+ token type) embeddings, then LayerNorm.
struct Embeddings {
    words: Embedding,
    positions: Embedding,
    token_types: Option<Embedding>,
    norm: LayerNorm,
    /// RoBERTa family: positions start after the padding id and skip padding.
    padding_idx: Option<u32>,
}

impl Embeddings {
    fn load(vb: VarBuilder, cfg: &ModelConfig) -> CResult<Self> {
        let h = cfg.hidden_size;
        let words = Embedding::new(vb.pp("word_embeddings").get((cfg.vocab_size, h), "weight")?, h);
        let positions = Embedding::new(
            vb.pp("position_embeddings").get((cfg.max_position_embeddings, h), "weight")?,
            h,
        );
        let token_types = if cfg.type_vocab_size > 0 {
            Some(Embedding::new(
                vb.pp("token_type_embeddings").get((cfg.type_vocab_size, h), "weight")?,
                h,
            ))
        } else {
            None
        };
        Ok(Embeddings {
            words,
            positions,
            token_types,
            norm: layer_norm(vb.pp("LayerNorm"), h, cfg.layer_norm_eps)?,
            padding_idx: cfg
                .architecture
                .offsets_positions_by_padding()
                .then_some(cfg.pad_token_id),
        })
    }

    fn forward(&self, ids: &Tensor, type_ids: &Tensor) -> CResult<Tensor> {
        let (b, s) = ids.dims2()?;
        let positions = match self.padding_idx {
            // create_position_ids_from_input_ids: cumsum(mask) * mask + padding_idx
            Some(pad) => {
                let m_f = ids.ne(pad)?.to_dtype(DType::F32)?;
                let cum = m_f.cumsum(1)?;
                ((cum * m_f)? + pad as f64)?.to_dtype(DType::U32)?
            }
            None => Tensor::arange(0u32, s as u32, ids.device())?
                .unsqueeze(0)?
                .broadcast_as((b, s))?
                .contiguous()?,
        };
        let mut x = add_(self.words.forward(ids)?, &self.positions.forward(&positions)?)?;
        if let Some(tt) = &self.token_types {
            x = add_(x, &tt.forward(type_ids)?)?;
        }
        self.norm.forward(x)
    }
}

/// A BERT-family encoder with its linear token-classification head.
pub(crate) struct TokenClassifierModel {
    embeddings: Embeddings,
    layers: Vec<Layer>,
    classifier: Linear,
    device: Device,
}

impl TokenClassifierModel {
    /// Loads from a var builder rooted at the checkpoint's top level, with
    /// the encoder's dense layers in int8 for `int8`'s kernel when given
    /// (the classifier stays f32).
    pub(crate) fn load(vb: VarBuilder, cfg: &ModelConfig, int8: Option<Kernel>) -> CResult<Self> {
        let prefix = cfg.architecture.weight_prefix();
        let root = vb.pp(prefix);
        // Some checkpoints are saved from the bare encoder class (no prefix).
        let enc = if root.contains_tensor("embeddings.word_embeddings.weight") {
            root
        } else {
            vb.clone()
        };
        let embeddings = Embeddings::load(enc.pp("embeddings"), cfg)?;
        let layers = if cfg.architecture == Architecture::DistilBert {
            let t = enc.pp("transformer").pp("layer");
            (0..cfg.num_layers)
                .map(|i| Layer::load_distilbert(t.pp(i), cfg, int8))
                .collect::<CResult<_>>()?
        } else {
            let t = enc.pp("encoder").pp("layer");
            (0..cfg.num_layers)
                .map(|i| Layer::load_bert(t.pp(i), cfg, int8))
                .collect::<CResult<_>>()?
        };
        let classifier = linear(vb.pp("classifier"), cfg.hidden_size, cfg.labels.len(), None)?;
        Ok(TokenClassifierModel { embeddings, layers, classifier, device: vb.device().clone() })
    }

    pub(crate) fn device(&self) -> &Device {
        &self.device
    }

    /// Logits (batch, seq, labels) for `ids`, `type_ids`, `mask` (batch, seq), all u32.
    pub(crate) fn forward(
        &self,
        ids: &Tensor,
        type_ids: &Tensor,
        mask: &Tensor,
    ) -> CResult<Tensor> {
        let mask = mask.to_dtype(DType::F32)?;
        let mut x = self.embeddings.forward(ids, type_ids)?;
        for layer in &self.layers {
            x = layer.forward(&x, &mask)?;
        }
        self.classifier.forward(&x)?.to_dtype(DType::F32)?.contiguous()
    }
}
