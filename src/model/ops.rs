//! CPU kernels for the encoder's hot paths (internal).
//!
//! candle's generic CPU ops cost the encoder more than its matrix products on
//! the 2-core reference machine: a scalar libm `erf` per element in GELU,
//! elementwise adds and broadcasts that hand 64k-element tensors to a global
//! spinning thread pool, per-matmul CPU-count probes (`/proc/cpuinfo`), and
//! copies to split heads. The kernels here are the forward pass of one BERT
//! layer in four fused steps, each on contiguous f32 CPU tensors, with a
//! candle fallback for every other device and dtype:
//!
//! - [`Linear`]: `x·wᵀ + b` as one `gemm` call that starts from the bias
//!   (weights kept transposed, row-major);
//! - [`attention`]: scaled-dot-product attention straight from the fused
//!   QKV projection, per (sequence, head), keys after the last unmasked
//!   one skipped;
//! - [`LayerNorm::add_forward`]: residual add and LayerNorm in one pass, in
//!   place;
//! - [`gelu_erf_`]: exact GELU in place, with a rational `erf` (the one
//!   used by Eigen and XLA, absolute error below 1e-6 in f32, see the test)
//!   that the compiler vectorises.
//!
//! Work is split on the *current* rayon pool, so a forward pass installed in
//! a one-thread pool (see `ExtractorBuilder::parallel_batches`) runs
//! serially on its own core with no hand-offs.

use candle_core::{
    bail, CpuStorage, CustomOp1, CustomOp2, CustomOp3, DType, InplaceOp1, InplaceOp2, Layout,
    Module, Shape, Tensor,
};
use gemm::Parallelism;
use rayon::prelude::*;

use super::int8::{Kernel, QuantLinear};

type CResult<T> = candle_core::Result<T>;

/// `erf(x)` for f32 as a rational function of `x` on `[-4, 4]`, clamped
/// outside (where `|erf(x)| > 1 - 2e-8`).
#[inline(always)]
fn erf(x: f32) -> f32 {
    const A: [f32; 7] = [
        -2.726_142_3e-10,
        2.770_681_4e-8,
        -2.101_024e-6,
        -5.692_506_4e-5,
        -7.349_906_3e-4,
        -2.954_600_1e-3,
        -1.609_603_3e-2,
    ];
    const B: [f32; 5] =
        [-1.456_607_2e-5, -2.133_740_6e-4, -1.682_827e-3, -7.373_329_2e-3, -1.426_474e-2];
    let x = x.clamp(-4.0, 4.0);
    let x2 = x * x;
    // Plain multiply-add: `mul_add` is a libm call unless the build enables
    // the `fma` target feature, and would cost more than the erf it replaces.
    let mut p = A[0];
    for a in &A[1..] {
        p = p * x2 + a;
    }
    let mut q = B[0];
    for b in &B[1..] {
        q = q * x2 + b;
    }
    x * p / q
}

/// Exact (erf) GELU of one value.
#[inline(always)]
fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf(x * std::f32::consts::FRAC_1_SQRT_2))
}

struct GeluErf;

impl InplaceOp1 for GeluErf {
    fn name(&self) -> &'static str {
        "rolegraph-gelu-erf"
    }

    fn cpu_fwd(&self, storage: &mut CpuStorage, layout: &Layout) -> CResult<()> {
        for v in data_mut(storage, layout, "gelu")? {
            *v = gelu(*v);
        }
        Ok(())
    }
}

/// Exact GELU of `x`, in place when `x` is a contiguous f32 CPU tensor that
/// nothing else holds (the output of the up-projection); otherwise candle's
/// `gelu_erf`.
pub(crate) fn gelu_erf_(x: Tensor) -> CResult<Tensor> {
    if x.device().is_cpu() && x.dtype() == DType::F32 && x.is_contiguous() {
        x.inplace_op1(&GeluErf)?;
        Ok(x)
    } else {
        x.gelu_erf()
    }
}

/// Whether every tensor can take the CPU f32 fast path.
fn cpu_f32(ts: &[&Tensor]) -> bool {
    ts.iter().all(|t| t.device().is_cpu() && t.dtype() == DType::F32 && t.is_contiguous())
}

/// The contiguous f32 data of a storage.
fn data<'a>(s: &'a CpuStorage, l: &Layout, what: &str) -> CResult<&'a [f32]> {
    let CpuStorage::F32(d) = s else { bail!("{what}: f32 storage expected") };
    let Some((start, end)) = l.contiguous_offsets() else {
        bail!("{what}: contiguous tensor expected")
    };
    Ok(&d[start..end])
}

/// The contiguous f32 data of a storage, mutably.
fn data_mut<'a>(s: &'a mut CpuStorage, l: &Layout, what: &str) -> CResult<&'a mut [f32]> {
    let CpuStorage::F32(d) = s else { bail!("{what}: f32 storage expected") };
    let Some((start, end)) = l.contiguous_offsets() else {
        bail!("{what}: contiguous tensor expected")
    };
    Ok(&mut d[start..end])
}

/// gemm's threading for the current rayon pool: none in a one-thread pool.
fn parallelism() -> Parallelism {
    match rayon::current_num_threads() {
        0 | 1 => Parallelism::None,
        n => Parallelism::Rayon(n),
    }
}

/// `dst (m×n) := lhs (m×k) · rhs (k×n)` (plus `dst` when `accumulate`),
/// each matrix given by its base pointer and (row, column) strides.
///
/// # Safety
/// Every strided element of the three matrices must lie in its allocation,
/// and `dst` must not overlap the inputs.
#[allow(clippy::too_many_arguments)]
unsafe fn matmul(
    (m, n, k): (usize, usize, usize),
    dst: (*mut f32, usize, usize),
    accumulate: bool,
    lhs: (*const f32, usize, usize),
    rhs: (*const f32, usize, usize),
    par: Parallelism,
) {
    if m == 0 || n == 0 {
        return;
    }
    // gemm: dst := alpha·dst + beta·lhs·rhs, strides given column first.
    gemm::gemm(
        m,
        n,
        k,
        dst.0,
        dst.2 as isize,
        dst.1 as isize,
        accumulate,
        lhs.0,
        lhs.2 as isize,
        lhs.1 as isize,
        rhs.0,
        rhs.2 as isize,
        rhs.1 as isize,
        1.0,
        1.0,
        false,
        false,
        false,
        par,
    )
}

/// `x·w + b` for `x` (…, in), `w` (in, out), `b` (out).
struct LinearOp;

impl CustomOp3 for LinearOp {
    fn name(&self) -> &'static str {
        "rolegraph-linear"
    }

    fn cpu_fwd(
        &self,
        xs: &CpuStorage,
        xl: &Layout,
        ws: &CpuStorage,
        wl: &Layout,
        bs: &CpuStorage,
        bl: &Layout,
    ) -> CResult<(CpuStorage, Shape)> {
        let (x, w, b) =
            (data(xs, xl, "linear input")?, data(ws, wl, "weight")?, data(bs, bl, "bias")?);
        let (k, n) = wl.shape().dims2()?;
        let dims = xl.shape().dims();
        if dims.last() != Some(&k) || b.len() != n {
            bail!("linear: input {:?}, transposed weight ({k}, {n}), bias {}", dims, b.len())
        }
        let m = x.len() / k.max(1);
        let mut y = Vec::with_capacity(m * n);
        for _ in 0..m {
            y.extend_from_slice(b);
        }
        // SAFETY: x is m×k, w is k×n, y is m×n, all row-major.
        unsafe {
            matmul(
                (m, n, k),
                (y.as_mut_ptr(), n, 1),
                true,
                (x.as_ptr(), k, 1),
                (w.as_ptr(), n, 1),
                parallelism(),
            )
        };
        let mut out = dims.to_vec();
        if let Some(last) = out.last_mut() {
            *last = n;
        }
        Ok((CpuStorage::F32(y), Shape::from(out)))
    }
}

/// A dense layer: `x·wᵀ + b` over the last dimension of `x`, with f32 or
/// int8 weights.
pub(crate) struct Linear(Dense);

enum Dense {
    F32 {
        /// The weight transposed, (in, out): the only copy kept, as gemm
        /// streams a row-major right-hand side best and candle's matmul
        /// takes it as is.
        weight_t: Tensor,
        bias: Tensor,
    },
    /// Quantised weights (CPU only), see [`super::int8`].
    Int8(QuantLinear),
}

impl Linear {
    /// `weight` (out, in), `bias` (out).
    pub(crate) fn new(weight: Tensor, bias: Tensor) -> CResult<Self> {
        Ok(Linear(Dense::F32 { weight_t: weight.t()?.contiguous()?, bias }))
    }

    /// [`new`](Self::new) with the weights quantised to int8 for `kernel`
    /// (f32 on a device other than the CPU).
    pub(crate) fn quantized(weight: Tensor, bias: Tensor, kernel: Kernel) -> CResult<Self> {
        if !weight.device().is_cpu() {
            return Self::new(weight, bias);
        }
        let (n, k) = weight.dims2()?;
        let w = weight.to_dtype(DType::F32)?.flatten_all()?.to_vec1::<f32>()?;
        let b = bias.to_dtype(DType::F32)?.to_vec1::<f32>()?;
        if b.len() != n {
            bail!("linear: weight ({n}, {k}), bias {}", b.len())
        }
        Ok(Linear(Dense::Int8(QuantLinear::new(&w, &b, n, k, kernel))))
    }

    pub(crate) fn forward(&self, x: &Tensor) -> CResult<Tensor> {
        let (weight_t, bias) = match &self.0 {
            Dense::F32 { weight_t, bias } => (weight_t, bias),
            Dense::Int8(q) => {
                return x.to_dtype(DType::F32)?.contiguous()?.apply_op1_no_bwd(&QuantOp(q))
            }
        };
        // With MKL, candle's matmul is the one to use.
        if !cfg!(feature = "mkl") && cpu_f32(&[x, weight_t, bias]) {
            return x.apply_op3_no_bwd(weight_t, bias, &LinearOp);
        }
        let (b, s, h) = x.dims3()?;
        let y = x.reshape((b * s, h))?.matmul(weight_t)?.broadcast_add(bias)?;
        let out = y.dim(1)?;
        y.reshape((b, s, out))
    }
}

/// `x·wᵀ + b` with int8 weights, for `x` (…, in).
struct QuantOp<'a>(&'a QuantLinear);

impl CustomOp1 for QuantOp<'_> {
    fn name(&self) -> &'static str {
        "rolegraph-linear-int8"
    }

    fn cpu_fwd(&self, xs: &CpuStorage, xl: &Layout) -> CResult<(CpuStorage, Shape)> {
        let x = data(xs, xl, "linear input")?;
        let (k, n) = (self.0.in_dim(), self.0.out_dim());
        let dims = xl.shape().dims();
        let Some((&last, rows)) = dims.split_last() else { bail!("linear: scalar input") };
        if last != k {
            bail!("linear: input {dims:?}, int8 weight ({n}, {k})")
        }
        let m = rows.iter().product::<usize>();
        let y = self.0.forward(x, m);
        let mut out = dims.to_vec();
        if let Some(last) = out.last_mut() {
            *last = n;
        }
        Ok((CpuStorage::F32(y), Shape::from(out)))
    }
}

/// Softmax of one row, in place.
#[inline]
fn softmax_(row: &mut [f32]) {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0f32;
    for v in row.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    let inv = 1.0 / sum;
    for v in row {
        *v *= inv;
    }
}

/// A raw pointer that may cross to the pool's threads: each task writes a
/// disjoint set of elements through it.
#[derive(Clone, Copy)]
struct SharedMut(*mut f32);
// SAFETY: used only for disjoint writes, see `AttentionOp`.
unsafe impl Send for SharedMut {}
unsafe impl Sync for SharedMut {}

impl SharedMut {
    /// The pointer `offset` elements on (a method, so closures capture the
    /// whole `Send` wrapper rather than its raw-pointer field).
    ///
    /// # Safety
    /// `offset` must stay within the allocation.
    unsafe fn add(self, offset: usize) -> *mut f32 {
        self.0.add(offset)
    }
}

/// Attention from `qkv` (batch, seq, 3·hidden), queries pre-scaled by 1/√d,
/// and `mask` (batch, seq) of 1/0 to (batch, seq, hidden).
struct AttentionOp {
    heads: usize,
}

impl CustomOp2 for AttentionOp {
    fn name(&self) -> &'static str {
        "rolegraph-attention"
    }

    fn cpu_fwd(
        &self,
        qs: &CpuStorage,
        ql: &Layout,
        ms: &CpuStorage,
        ml: &Layout,
    ) -> CResult<(CpuStorage, Shape)> {
        let (qkv, mask) = (data(qs, ql, "qkv")?, data(ms, ml, "attention mask")?);
        let (b, s, h3) = ql.shape().dims3()?;
        let h = h3 / 3;
        let heads = self.heads;
        if h3 % 3 != 0 || heads == 0 || h % heads != 0 || ml.shape().dims2()? != (b, s) {
            bail!("attention: qkv {:?}, mask {:?}, {heads} heads", ql.shape(), ml.shape())
        }
        let d = h / heads;
        let mut out = vec![0f32; b * s * h];
        let dst = SharedMut(out.as_mut_ptr());
        (0..b * heads).into_par_iter().for_each(|task| {
            let (seq, head) = (task / heads, task % heads);
            let mask = &mask[seq * s..(seq + 1) * s];
            // Keys after the last unmasked one get zero weight: skip them.
            let keys = mask.iter().rposition(|&m| m != 0.0).map_or(s, |p| p + 1);
            let mut scores = vec![0f32; s * keys];
            let q = qkv[seq * s * h3 + head * d..].as_ptr();
            // SAFETY: q, k, v rows of this sequence and head lie in qkv
            // (row stride 3·hidden); scores is s×keys; the output block
            // (rows of this sequence, columns of this head) is written by
            // this task only.
            unsafe {
                matmul(
                    (s, keys, d),
                    (scores.as_mut_ptr(), keys, 1),
                    false,
                    (q, h3, 1),
                    (q.add(h), 1, h3),
                    Parallelism::None,
                );
                for row in scores.chunks_mut(keys) {
                    for (v, &m) in row.iter_mut().zip(mask) {
                        if m == 0.0 {
                            *v = f32::MIN;
                        }
                    }
                    softmax_(row);
                }
                matmul(
                    (s, d, keys),
                    (dst.add(seq * s * h + head * d), h, 1),
                    false,
                    (scores.as_ptr(), keys, 1),
                    (q.add(2 * h), h3, 1),
                    Parallelism::None,
                );
            }
        });
        Ok((CpuStorage::F32(out), Shape::from((b, s, h))))
    }
}

/// Multi-head attention of `qkv` (batch, seq, 3·hidden: queries already
/// scaled by 1/√head_dim, keys, values) under `mask` (batch, seq; 1 keeps a
/// position, 0 hides it as a key); returns (batch, seq, hidden).
pub(crate) fn attention(qkv: &Tensor, mask: &Tensor, heads: usize) -> CResult<Tensor> {
    if cpu_f32(&[qkv, mask]) {
        return qkv.apply_op2_no_bwd(mask, &AttentionOp { heads });
    }
    attention_candle(qkv, mask, heads)
}

/// [`attention`] in candle's generic ops.
fn attention_candle(qkv: &Tensor, mask: &Tensor, heads: usize) -> CResult<Tensor> {
    let (b, s, h3) = qkv.dims3()?;
    let (h, d) = (h3 / 3, h3 / 3 / heads);
    let qkv = qkv.reshape((b, s, 3, heads, d))?.permute((2, 0, 3, 1, 4))?; // (3, b, heads, s, d)
    let (q, k, v) =
        (qkv.get(0)?.contiguous()?, qkv.get(1)?.contiguous()?, qkv.get(2)?.contiguous()?);
    // (1 - mask) · f32::MIN, broadcast over heads and query positions.
    let bias = ((mask - 1.0)? * (-(f32::MIN as f64)))?.reshape((b, 1, 1, s))?;
    let scores = q.matmul(&k.t()?)?.broadcast_add(&bias)?;
    let probs = candle_nn::ops::softmax_last_dim(&scores)?;
    probs.matmul(&v)?.transpose(1, 2)?.reshape((b, s, h))
}

/// LayerNorm over the last dimension, with the parameters kept as slices
/// for the fused kernel.
pub(crate) struct LayerNorm {
    gamma: Vec<f32>,
    beta: Vec<f32>,
    eps: f32,
    fallback: candle_nn::LayerNorm,
}

impl LayerNorm {
    pub(crate) fn new(weight: Tensor, bias: Tensor, eps: f64) -> CResult<Self> {
        Ok(LayerNorm {
            gamma: weight.to_dtype(DType::F32)?.to_vec1()?,
            beta: bias.to_dtype(DType::F32)?.to_vec1()?,
            eps: eps as f32,
            fallback: candle_nn::LayerNorm::new(weight, bias, eps),
        })
    }

    /// Normalises one row in place (two-pass mean and variance).
    #[inline]
    fn row_(&self, row: &mut [f32]) {
        let n = row.len() as f32;
        let mean = row.iter().sum::<f32>() / n;
        let var = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
        let inv = 1.0 / (var + self.eps).sqrt();
        for ((v, g), b) in row.iter_mut().zip(&self.gamma).zip(&self.beta) {
            *v = (*v - mean) * inv * g + b;
        }
    }

    /// `norm(x)`, in place when `x` is a contiguous f32 CPU tensor that
    /// nothing else holds.
    pub(crate) fn forward(&self, x: Tensor) -> CResult<Tensor> {
        if cpu_f32(&[&x]) && x.dims().last() == Some(&self.gamma.len()) {
            x.inplace_op1(&NormOp(self))?;
            return Ok(x);
        }
        self.fallback.forward(&x)
    }

    /// `norm(y + x)`, in place in `y` when `y` is a contiguous f32 CPU
    /// tensor that nothing else holds (a fresh layer output).
    pub(crate) fn add_forward(&self, y: Tensor, x: &Tensor) -> CResult<Tensor> {
        if cpu_f32(&[&y, x]) && y.dims().last() == Some(&self.gamma.len()) && y.dims() == x.dims() {
            y.inplace_op2(x, &AddOp(Some(self)))?;
            return Ok(y);
        }
        self.fallback.forward(&(y + x)?)
    }
}

/// `x := norm(x)` row by row.
struct NormOp<'a>(&'a LayerNorm);

impl InplaceOp1 for NormOp<'_> {
    fn name(&self) -> &'static str {
        "rolegraph-layer-norm"
    }

    fn cpu_fwd(&self, storage: &mut CpuStorage, layout: &Layout) -> CResult<()> {
        let x = data_mut(storage, layout, "layer-norm input")?;
        let h = self.0.gamma.len();
        if h == 0 || x.len() % h != 0 {
            bail!("layer-norm: {} elements in rows of {h}", x.len())
        }
        x.par_chunks_mut(h).with_min_len(16).for_each(|row| self.0.row_(row));
        Ok(())
    }
}

/// `y + x`, in place in `y` when both are contiguous f32 CPU tensors of one
/// shape and nothing else holds `y`.
pub(crate) fn add_(y: Tensor, x: &Tensor) -> CResult<Tensor> {
    if cpu_f32(&[&y, x]) && y.dims() == x.dims() {
        y.inplace_op2(x, &AddOp(None))?;
        return Ok(y);
    }
    y + x
}

/// `y := y + x`, then LayerNorm row by row when one is given.
struct AddOp<'a>(Option<&'a LayerNorm>);

impl InplaceOp2 for AddOp<'_> {
    fn name(&self) -> &'static str {
        if self.0.is_some() {
            "rolegraph-add-layer-norm"
        } else {
            "rolegraph-add"
        }
    }

    fn cpu_fwd(
        &self,
        dst: &mut CpuStorage,
        dst_l: &Layout,
        xs: &CpuStorage,
        xl: &Layout,
    ) -> CResult<()> {
        let x = data(xs, xl, "addend")?;
        let y = data_mut(dst, dst_l, "sum")?;
        // Rows of the hidden size, or one row for a plain add.
        let h = self.0.map_or(y.len(), |n| n.gamma.len());
        if x.len() != y.len() || (h == 0 && !y.is_empty()) {
            bail!("add: {} vs {} elements in rows of {h}", x.len(), y.len())
        }
        if y.is_empty() {
            return Ok(());
        }
        y.par_chunks_mut(h).zip(x.par_chunks(h)).with_min_len(16).for_each(|(y, x)| {
            for (y, x) in y.iter_mut().zip(x) {
                *y += x;
            }
            if let Some(norm) = self.0 {
                norm.row_(y);
            }
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erf_matches_libm() {
        let mut worst = 0f64;
        for i in -80_000..=80_000 {
            let x = i as f32 * 1e-4;
            let exact = candle_core::cpu::erf::erf_f64(x as f64);
            worst = worst.max((erf(x) as f64 - exact).abs());
        }
        assert!(worst < 1e-6, "max |erf error| {worst}");
        assert_eq!(erf(f32::INFINITY), erf(4.0));
        assert!(erf(f32::NAN).is_nan());
    }

    #[test]
    fn gelu_in_place_equals_candle() -> CResult<()> {
        let dev = candle_core::Device::Cpu;
        let x = Tensor::arange(-6000f32, 6000f32, &dev)?.affine(1e-3, 0.0)?.reshape((4, 3000))?;
        let want = x.gelu_erf()?.flatten_all()?.to_vec1::<f32>()?;
        let got = gelu_erf_(x.copy()?)?.flatten_all()?.to_vec1::<f32>()?;
        let worst = want.iter().zip(&got).map(|(a, b)| (a - b).abs()).fold(0f32, f32::max);
        assert!(worst < 2e-6, "max |Δ| {worst}");
        // A strided view goes through candle's op.
        let t = x.t()?;
        assert_eq!(gelu_erf_(t.clone())?.dims(), t.dims());
        Ok(())
    }

    fn randn(shape: &[usize]) -> CResult<Tensor> {
        Tensor::randn(0f32, 1.0, shape, &candle_core::Device::Cpu)
    }

    fn max_diff(a: &Tensor, b: &Tensor) -> CResult<f32> {
        assert_eq!(a.dims(), b.dims());
        (a - b)?.abs()?.flatten_all()?.max(0)?.to_scalar::<f32>()
    }

    #[test]
    fn fused_linear_equals_candle() -> CResult<()> {
        let (x, w, b) = (randn(&[3, 7, 16])?, randn(&[12, 16])?, randn(&[12])?);
        let fast = Linear::new(w.clone(), b.clone())?.forward(&x)?;
        let want = x.reshape((21, 16))?.matmul(&w.t()?)?.broadcast_add(&b)?.reshape((3, 7, 12))?;
        assert!(max_diff(&fast, &want)? < 1e-4);
        // A strided input takes candle's path and agrees.
        let xt = x.transpose(0, 1)?;
        assert!(!xt.is_contiguous());
        let via_candle = Linear::new(w.clone(), b.clone())?.forward(&xt)?.transpose(0, 1)?;
        assert!(max_diff(&via_candle, &want)? < 1e-4);
        // An empty batch is an empty result.
        let empty = Linear::new(w, b)?.forward(&randn(&[0, 7, 16])?.contiguous()?)?;
        assert_eq!(empty.dims(), &[0, 7, 12]);
        Ok(())
    }

    #[test]
    fn fused_attention_equals_candle_with_padding() -> CResult<()> {
        let dev = candle_core::Device::Cpu;
        let qkv = randn(&[3, 6, 3 * 16])?;
        // Right padding, a hole in the middle, and a row with every key hidden.
        let mask = Tensor::new(
            &[[1f32, 1., 1., 1., 1., 1.], [1., 1., 1., 1., 0., 0.], [1., 0., 1., 1., 0., 1.]],
            &dev,
        )?;
        let fast = attention(&qkv, &mask, 4)?;
        let want = attention_candle(&qkv, &mask, 4)?;
        assert!(max_diff(&fast, &want)? < 1e-5, "{}", max_diff(&fast, &want)?);
        let none = Tensor::zeros((3, 6), DType::F32, &dev)?;
        let fast = attention(&qkv, &none, 4)?;
        assert!(max_diff(&fast, &attention_candle(&qkv, &none, 4)?)? < 1e-5);
        Ok(())
    }

    #[test]
    fn fused_add_layer_norm_equals_candle() -> CResult<()> {
        let (y, x) = (randn(&[2, 5, 32])?, randn(&[2, 5, 32])?);
        let (g, b) = (randn(&[32])?, randn(&[32])?);
        let norm = LayerNorm::new(g.clone(), b.clone(), 1e-12)?;
        let want = candle_nn::LayerNorm::new(g, b, 1e-12).forward(&(&y + &x)?)?;
        let fast = norm.add_forward(y.copy()?, &x)?;
        assert!(max_diff(&fast, &want)? < 1e-4);
        let plain = norm.forward((&y + &x)?)?;
        assert!(max_diff(&plain, &want)? < 1e-4);
        // A strided input takes candle's path and agrees.
        let t = (&y + &x)?.transpose(0, 1)?;
        assert!(!t.is_contiguous());
        let via_candle = norm.forward(t)?.transpose(0, 1)?;
        assert!(max_diff(&via_candle, &want)? < 1e-4);
        let sum = add_(y.copy()?, &x)?;
        assert!(max_diff(&sum, &(&y + &x)?)? == 0.0);
        Ok(())
    }
}
