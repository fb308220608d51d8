//! The encode stage: a transformer token classifier behind a narrow interface
//! (token ids in, logits out).

mod bert;
pub mod config;
mod int8;
mod ops;
mod packed;
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

/// Arithmetic of the encoder's dense layers (the QKV, output, up and down
/// projections; attention, softmax, LayerNorm, GELU and the classifier stay
/// f32) in the candle backend on the CPU. Other backends and devices run
/// f32 whatever the setting.
///
/// int8 keeps each weight matrix as int8 with one scale per output channel
/// (quantised once at load) and quantises each token's activations on the
/// fly (one scale per row); the products accumulate exactly in i32 on
/// AVX-512 VNNI, AVX2 or portable code, chosen at run time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Precision {
    /// int8 where the CPU has AVX-512 VNNI or AVX2, f32 elsewhere (the default).
    #[default]
    Auto,
    /// f32 weights and products (results match transformers to 1e-4).
    Fp32,
    /// int8 weights and activations (portable, slow code on a CPU with
    /// neither AVX-512 VNNI nor AVX2).
    Int8,
}

impl Precision {
    /// What this setting means on this CPU: [`Precision::Fp32`] or
    /// [`Precision::Int8`].
    pub fn resolve(self) -> Precision {
        match self {
            Precision::Auto if int8::Kernel::detect() != int8::Kernel::Scalar => Precision::Int8,
            Precision::Auto => Precision::Fp32,
            p => p,
        }
    }
}

/// One dense layer of the encoder on its own, `x·wᵀ + b` over the last
/// dimension of `x`, for benchmarks (`examples/int8_linear.rs`); not a
/// stable API.
#[doc(hidden)]
pub struct DenseLayer(ops::Linear);

impl DenseLayer {
    /// `weight` (out, in) and `bias` (out) in `precision` (resolved as by
    /// the builder on the CPU).
    pub fn new(weight: Tensor, bias: Tensor, precision: Precision) -> Result<Self> {
        let linear = if weight.device().is_cpu() && precision.resolve() == Precision::Int8 {
            ops::Linear::quantized(weight, bias, int8::Kernel::detect())
        } else {
            ops::Linear::new(weight, bias)
        };
        linear.map(DenseLayer).map_err(|e| Error::backend("dense layer", e))
    }

    /// int8 with a named kernel (`"vnni512"`, `"avx2"`, `"scalar"`; one the
    /// CPU lacks runs the scalar code), for comparing the kernels.
    pub fn int8_with_kernel(weight: Tensor, bias: Tensor, kernel: &str) -> Result<Self> {
        let kernel = match kernel {
            "vnni512" => int8::Kernel::Vnni512,
            "avx2" => int8::Kernel::Avx2,
            _ => int8::Kernel::Scalar,
        };
        ops::Linear::quantized(weight, bias, kernel)
            .map(DenseLayer)
            .map_err(|e| Error::backend("dense layer", e))
    }

    /// `x·wᵀ + b`.
    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        self.0.forward(x).map_err(|e| Error::backend("dense layer", e))
    }
}

/// Where the weights come from.
#[derive(Clone, Debug)]
pub(crate) enum Weights {
    /// A `model.safetensors` file, memory-mapped.
    File(PathBuf),
    /// Packed safetensors buffers embedded in the binary (see `packed`).
    #[cfg_attr(not(feature = "embedded-model"), allow(dead_code))]
    Packed(&'static [&'static [u8]]),
}

impl Weights {
    pub(crate) fn name(&self) -> PathBuf {
        match self {
            Weights::File(p) => p.clone(),
            Weights::Packed(_) => PathBuf::from("<embedded>/model.safetensors"),
        }
    }
}

/// The candle implementation of [`Backend`] (CPU by default; CUDA/Metal with
/// the crate features of the same names).
pub struct CandleBackend {
    model: bert::TokenClassifierModel,
}

impl CandleBackend {
    /// Loads weights for `config`, upcasting f16/bf16 storage to f32, and
    /// quantising the dense layers to int8 when `precision` says so on the
    /// CPU.
    pub(crate) fn load(
        weights: &Weights,
        config: &ModelConfig,
        device: &Device,
        precision: Precision,
    ) -> Result<Self> {
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
            Weights::Packed(buffers) => VarBuilder::from_tensors(
                packed::tensors(buffers, device).map_err(bad)?,
                DType::F32,
                device,
            ),
        };
        let int8 =
            (device.is_cpu() && precision.resolve() == Precision::Int8).then(int8::Kernel::detect);
        let model = bert::TokenClassifierModel::load(vb, config, int8).map_err(bad)?;
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

/// Every tensor of packed `buffers` as f32 on the CPU (for other backends).
#[cfg(feature = "rust-bert")]
pub(crate) fn packed_tensors(
    buffers: &[&[u8]],
) -> candle_core::Result<std::collections::HashMap<String, Tensor>> {
    packed::tensors(buffers, &Device::Cpu)
}

/// Reads a file to a string, naming it in the error.
pub(crate) fn read_to_string(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}
