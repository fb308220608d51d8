//! The encode stage: a transformer token classifier behind a narrow interface
//! (token ids in, logits out).

mod bert;
pub mod config;
mod ops;
#[cfg(feature = "rust-bert")]
mod tch_backend;
#[cfg(feature = "rust-bert")]
pub use tch_backend::RustBertBackend;

use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use ndarray::{Array2, Array3};

use crate::error::{Error, ErrorKind, Result};
pub use config::{Activation, Architecture, ModelConfig};

/// A padded batch of token windows: `(batch, seq)` arrays of ids, token-type
/// ids and attention mask (1 = real token, 0 = padding).
#[derive(Clone, Debug)]
pub struct Batch {
    /// Token ids.
    pub ids: Array2<u32>,
    /// Token-type (segment) ids.
    pub type_ids: Array2<u32>,
    /// Attention mask.
    pub mask: Array2<u32>,
}

/// Anything that turns a batch of token ids into per-token label logits.
///
/// Tokenization, windowing, aggregation and decoding are shared; a backend
/// only runs the network. The default is [`CandleBackend`].
pub trait Backend: Send + Sync {
    /// Logits of shape `(batch, seq, labels)`.
    fn logits(&self, batch: &Batch) -> Result<Array3<f32>>;
}

/// Which implementation runs the network.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BackendKind {
    /// Pure Rust on candle (the default).
    #[default]
    Candle,
    /// rust-bert on libtorch (feature `rust-bert`).
    #[cfg(feature = "rust-bert")]
    RustBert,
}

/// Where the weights come from.
#[derive(Clone, Debug)]
pub(crate) enum Weights {
    /// A `model.safetensors` file, memory-mapped.
    File(PathBuf),
    /// Bytes embedded in the binary.
    #[cfg_attr(not(rolegraph_embedded_model), allow(dead_code))]
    Static(&'static [u8]),
}

impl Weights {
    pub(crate) fn name(&self) -> PathBuf {
        match self {
            Weights::File(p) => p.clone(),
            Weights::Static(_) => PathBuf::from("<embedded>/model.safetensors"),
        }
    }
}

/// The candle implementation of [`Backend`] (CPU by default; CUDA/Metal with
/// the crate features of the same names).
pub struct CandleBackend {
    model: bert::TokenClassifierModel,
}

impl CandleBackend {
    /// Loads weights for `config`, upcasting f16/bf16 storage to f32.
    pub(crate) fn load(weights: &Weights, config: &ModelConfig, device: &Device) -> Result<Self> {
        let file = weights.name();
        let bad = |e: candle_core::Error| {
            Error::new(ErrorKind::Model, format!("{}: {e}", file.display()))
                .with_path(&file)
                .with_source(e)
        };
        let vb = match weights {
            Weights::File(path) => {
                if !path.is_file() {
                    return Err(Error::new(
                        ErrorKind::Io,
                        format!("{}: model weights not found", path.display()),
                    )
                    .with_path(path));
                }
                // SAFETY: the file is mapped read-only; like every mmap-based
                // loader we rely on it not being truncated while the model lives.
                unsafe { VarBuilder::from_mmaped_safetensors(&[path], DType::F32, device) }
                    .map_err(bad)?
            }
            Weights::Static(bytes) => {
                VarBuilder::from_slice_safetensors(bytes, DType::F32, device).map_err(bad)?
            }
        };
        let model = bert::TokenClassifierModel::load(vb, config).map_err(bad)?;
        Ok(CandleBackend { model })
    }

    fn tensor(&self, a: &Array2<u32>) -> candle_core::Result<Tensor> {
        let (b, s) = a.dim();
        let data: Vec<u32> = a.iter().copied().collect();
        Tensor::from_vec(data, (b, s), self.model.device())
    }
}

impl Backend for CandleBackend {
    fn logits(&self, batch: &Batch) -> Result<Array3<f32>> {
        let run = || -> candle_core::Result<(Vec<f32>, (usize, usize, usize))> {
            let ids = self.tensor(&batch.ids)?;
            let types = self.tensor(&batch.type_ids)?;
            let mask = self.tensor(&batch.mask)?;
            let logits = self.model.forward(&ids, &types, &mask)?;
            let dims = logits.dims3()?;
            Ok((logits.flatten_all()?.to_vec1::<f32>()?, dims))
        };
        let (data, dims) = run().map_err(|e| Error::backend("forward pass failed", e))?;
        Array3::from_shape_vec(dims, data)
            .map_err(|e| Error::new(ErrorKind::Backend, format!("logits shape: {e}")))
    }
}

/// Reads a file to a string, naming it in the error.
pub(crate) fn read_to_string(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}
