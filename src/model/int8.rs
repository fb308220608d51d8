//! int8 dense layers (internal): `x·wᵀ + b` with int8 weights and
//! dynamically quantised int8 activations.
//!
//! - Weights: symmetric, one scale per output channel (`max|w| / 127`,
//!   values in `[-127, 127]`), quantised once at load and packed in blocks
//!   of [`NB`] output columns: for each group of four inputs, 64 bytes per
//!   16 columns (`[block][k / 4][column][k % 4]`), the operand layout of
//!   AVX-512 VNNI `vpdpbusd`. The input size is padded to a multiple of
//!   four and the columns to a multiple of [`NB`] with zero weights.
//! - Activations: symmetric, one scale per row (token), values in
//!   `[-127, 127]`, quantised by portable code shared by every kernel.
//! - Products: exact `Σ x·w` in i32 by one of three kernels chosen at run
//!   time, all with the same integer result (see the tests):
//!   - AVX-512 VNNI: `vpdpbusd` takes unsigned activations, so it gets
//!     `x + 128` (the sign bit flipped) and subtracts `128·Σw` per column;
//!   - AVX2: `vpmaddubsw(|w|, sign(x, w))` (`|w|` packed at load too),
//!     whose pairs stay below `2·127·127 < 2¹⁵` (no i16 saturation), then
//!     `vpmaddwd` by ones;
//!   - scalar, everywhere else.
//! - Output: `acc · sₓ · s_w + b` in f32.
//!
//! Rows are split on the current rayon pool, like the f32 kernels.

use rayon::prelude::*;

/// Output columns per packed block (four AVX-512 registers of i32).
pub(crate) const NB: usize = 64;
/// Rows per micro-kernel call.
const MR: usize = 6;
/// Bytes of one packed block per group of four inputs.
const STEP: usize = NB * 4;

/// The integer dot-product kernel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kernel {
    /// AVX-512 F/BW + VNNI.
    Vnni512,
    /// AVX2.
    Avx2,
    /// Portable code.
    Scalar,
}

impl Kernel {
    /// The fastest kernel this CPU runs.
    pub(crate) fn detect() -> Kernel {
        [Kernel::Vnni512, Kernel::Avx2]
            .into_iter()
            .find(|k| k.available())
            .unwrap_or(Kernel::Scalar)
    }

    /// Whether this CPU runs the kernel.
    pub(crate) fn available(self) -> bool {
        match self {
            #[cfg(target_arch = "x86_64")]
            Kernel::Vnni512 => {
                is_x86_feature_detected!("avx512f")
                    && is_x86_feature_detected!("avx512bw")
                    && is_x86_feature_detected!("avx512vnni")
            }
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 => is_x86_feature_detected!("avx2"),
            Kernel::Scalar => true,
            #[allow(unreachable_patterns)]
            _ => false,
        }
    }
}

/// A dense layer with int8 weights.
pub(crate) struct QuantLinear {
    /// Inputs, and inputs padded to a multiple of four.
    k: usize,
    kp: usize,
    /// Outputs.
    n: usize,
    /// Packed weights, `ceil(n / NB) · kp · NB` bytes.
    packed: Vec<i8>,
    /// `|w|` in the same layout, for the AVX2 kernel only (else empty).
    packed_abs: Vec<i8>,
    /// `Σ_k w[k][j]` per (padded) column, for the VNNI correction.
    col_sums: Vec<i32>,
    /// Weight scale per output.
    scales: Vec<f32>,
    bias: Vec<f32>,
    kernel: Kernel,
}

/// `v · inv` clamped to `[-127, 127]` and rounded to nearest, ties to even
/// (NaN → 0).
#[inline(always)]
fn quantize(v: f32, inv: f32) -> i8 {
    // Adding and taking off 1.5·2²³ rounds to an integer (ties to even) in
    // plain f32 arithmetic, which vectorises; `as` then converts exactly.
    const MAGIC: f32 = 12_582_912.0;
    let q = (v * inv).clamp(-127.0, 127.0);
    ((q + MAGIC) - MAGIC) as i32 as i8
}

/// `(scale, 1 / scale)` for values of largest magnitude `max`: zero for an
/// all-zero (or non-finite) row, which then quantises to zeros.
#[inline]
fn scale_of(max: f32) -> (f32, f32) {
    if max > 0.0 && max.is_finite() {
        (max / 127.0, 127.0 / max)
    } else {
        (0.0, 0.0)
    }
}

fn max_abs(row: &[f32]) -> f32 {
    // Sixteen running maxima: a reduction the compiler vectorises.
    let mut m = [0f32; 16];
    let mut chunks = row.chunks_exact(16);
    for c in &mut chunks {
        for (m, v) in m.iter_mut().zip(c) {
            *m = m.max(v.abs());
        }
    }
    let tail = chunks.remainder().iter().fold(0f32, |a, v| a.max(v.abs()));
    m.iter().fold(tail, |a, &b| a.max(b))
}

/// Quantises `row` into `q`, returning its scale.
#[inline(always)]
fn quantize_row_portable(row: &[f32], q: &mut [i8]) -> f32 {
    let (scale, inv) = scale_of(max_abs(row));
    for (q, &v) in q.iter_mut().zip(row) {
        *q = quantize(v, inv);
    }
    scale
}

/// [`quantize_row_portable`] compiled for AVX-512 or AVX2 where the CPU has
/// them (the same arithmetic, so the same bytes, wider vectors).
fn quantize_row(row: &[f32], q: &mut [i8]) -> f32 {
    #[cfg(target_arch = "x86_64")]
    {
        #[target_feature(enable = "avx512f,avx512bw")]
        unsafe fn avx512(row: &[f32], q: &mut [i8]) -> f32 {
            quantize_row_portable(row, q)
        }
        #[target_feature(enable = "avx2")]
        unsafe fn avx2(row: &[f32], q: &mut [i8]) -> f32 {
            quantize_row_portable(row, q)
        }
        if is_x86_feature_detected!("avx512f") && is_x86_feature_detected!("avx512bw") {
            // SAFETY: the CPU has the features.
            return unsafe { avx512(row, q) };
        }
        if is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has the feature.
            return unsafe { avx2(row, q) };
        }
    }
    quantize_row_portable(row, q)
}

impl QuantLinear {
    /// `weight` (n × k, row-major: one row per output), `bias` (n), for
    /// `kernel` (which must be [`Kernel::available`]; others fall back to
    /// [`Kernel::Scalar`]).
    pub(crate) fn new(weight: &[f32], bias: &[f32], n: usize, k: usize, kernel: Kernel) -> Self {
        let kernel = if kernel.available() { kernel } else { Kernel::Scalar };
        let kp = k.div_ceil(4) * 4;
        let blocks = n.div_ceil(NB);
        let mut packed = vec![0i8; blocks * kp * NB];
        let mut col_sums = vec![0i32; blocks * NB];
        let mut scales = vec![0f32; n];
        for (j, row) in weight.chunks_exact(k.max(1)).take(n).enumerate() {
            let row = &row[..k.min(row.len())];
            let (scale, inv) = scale_of(max_abs(row));
            scales[j] = scale;
            let base = (j / NB) * kp * NB + (j % NB) * 4;
            for (kk, &w) in row.iter().enumerate() {
                let q = quantize(w, inv);
                packed[base + (kk / 4) * STEP + kk % 4] = q;
                col_sums[j] += i32::from(q);
            }
        }
        let mut bias = bias.to_vec();
        bias.resize(n, 0.0);
        let packed_abs = match kernel {
            Kernel::Avx2 => packed.iter().map(|w| w.abs()).collect(),
            _ => Vec::new(),
        };
        QuantLinear { k, kp, n, packed, packed_abs, col_sums, scales, bias, kernel }
    }

    pub(crate) fn in_dim(&self) -> usize {
        self.k
    }

    pub(crate) fn out_dim(&self) -> usize {
        self.n
    }

    /// `y (m × n) = x (m × k) · wᵀ + b` (missing inputs read as zeros).
    pub(crate) fn forward(&self, x: &[f32], m: usize) -> Vec<f32> {
        let (k, kp, n) = (self.k, self.kp, self.n);
        if k == 0 || x.len() < m * k {
            // No inputs (or too few): the bias alone.
            return self.bias.iter().copied().cycle().take(m * n).collect();
        }
        let x = &x[..m * k];
        let mut xq = vec![0i8; m * kp];
        let mut xs = vec![0f32; m];
        xq.par_chunks_mut(kp)
            .zip(xs.par_iter_mut())
            .zip(x.par_chunks(k))
            .with_min_len(32)
            .for_each(|((q, s), row)| *s = quantize_row(row, q));
        let mut y = vec![0f32; m * n];
        if n == 0 || m == 0 {
            return y;
        }
        // Row chunks: a multiple of MR, small enough to give every thread work.
        let threads = rayon::current_num_threads().max(1);
        let rows = (m.div_ceil(threads * 4)).div_ceil(MR).clamp(1, 8) * MR;
        y.par_chunks_mut(rows * n)
            .zip(xq.par_chunks(rows * kp))
            .zip(xs.par_chunks(rows))
            .for_each(|((y, xq), xs)| self.rows(xq, xs, y));
        y
    }

    /// Output rows `y` for quantised rows `xq` with scales `xs`.
    fn rows(&self, xq: &[i8], xs: &[f32], y: &mut [f32]) {
        let (kp, n) = (self.kp, self.n);
        let mut acc = [[0i32; NB]; MR];
        for (b, block) in self.packed.chunks_exact(kp * NB).enumerate() {
            let abs = self.packed_abs.get(b * kp * NB..(b + 1) * kp * NB).unwrap_or(&[]);
            let j0 = b * NB;
            let cols = NB.min(n - j0);
            let sums = &self.col_sums[j0..j0 + NB];
            for (r0, (xq, xs)) in xq.chunks(MR * kp).zip(xs.chunks(MR)).enumerate() {
                let r = xs.len();
                dot(self.kernel, xq, kp, r, block, abs, sums, &mut acc);
                for (i, (acc, &sx)) in acc.iter().zip(xs).enumerate() {
                    let row = (r0 * MR + i) * n + j0;
                    let out = &mut y[row..row + cols];
                    let (sw, bias) = (&self.scales[j0..j0 + cols], &self.bias[j0..j0 + cols]);
                    for (((o, &a), &s), &b) in out.iter_mut().zip(acc).zip(sw).zip(bias) {
                        *o = a as f32 * (sx * s) + b;
                    }
                }
            }
        }
    }
}

/// `acc[r][c] = Σ_k x[r][k] · w[k][c]` for the `rows ≤ MR` rows of `x`
/// (row stride `kp`) and the `NB` columns of one packed block (`abs`: its
/// `|w|`, read by the AVX2 kernel only; `sums`: its column sums, read by
/// the VNNI kernel only).
#[allow(clippy::too_many_arguments)]
pub(crate) fn dot(
    kernel: Kernel,
    x: &[i8],
    kp: usize,
    rows: usize,
    block: &[i8],
    abs: &[i8],
    sums: &[i32],
    acc: &mut [[i32; NB]; MR],
) {
    debug_assert!(rows <= MR && x.len() >= rows * kp && block.len() >= kp * NB);
    debug_assert!(kp.is_multiple_of(4) && sums.len() >= NB);
    if rows > MR
        || x.len() < rows * kp
        || block.len() < kp * NB
        || !kp.is_multiple_of(4)
        || sums.len() < NB
    {
        return;
    }
    match kernel {
        // SAFETY: the CPU has the features (`QuantLinear::new` checks
        // `available`), and the slices hold `rows · kp`, `kp · NB` and `NB`
        // elements (checked above).
        #[cfg(target_arch = "x86_64")]
        Kernel::Vnni512 if kernel.available() => unsafe {
            macro_rules! go {
                ($($r:literal)*) => {
                    match rows { $($r => x86::dot_vnni::<$r>(x, kp, block, sums, acc),)* _ => {} }
                };
            }
            go!(1 2 3 4 5 6)
        },
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 if kernel.available() && abs.len() >= kp * NB => unsafe {
            // Three rows at a time: 16 ymm registers.
            let (top, rest) = acc.split_at_mut(rows.min(3));
            let (x0, x1) = x.split_at(rows.min(3) * kp);
            match rows {
                1 => x86::dot_avx2::<1>(x0, kp, block, abs, top),
                2 => x86::dot_avx2::<2>(x0, kp, block, abs, top),
                _ => x86::dot_avx2::<3>(x0, kp, block, abs, top),
            }
            match rows {
                4 => x86::dot_avx2::<1>(x1, kp, block, abs, rest),
                5 => x86::dot_avx2::<2>(x1, kp, block, abs, rest),
                6 => x86::dot_avx2::<3>(x1, kp, block, abs, rest),
                _ => {}
            }
        },
        _ => dot_scalar(x, kp, rows, block, acc),
    }
}

fn dot_scalar(x: &[i8], kp: usize, rows: usize, block: &[i8], acc: &mut [[i32; NB]; MR]) {
    for (r, acc) in acc.iter_mut().enumerate().take(rows) {
        let x = &x[r * kp..(r + 1) * kp];
        acc.fill(0);
        for (xs, ws) in x.chunks_exact(4).zip(block.chunks_exact(STEP)) {
            for (a, w) in acc.iter_mut().zip(ws.chunks_exact(4)) {
                *a += xs.iter().zip(w).map(|(&x, &w)| i32::from(x) * i32::from(w)).sum::<i32>();
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::{MR, NB, STEP};
    use std::arch::x86_64::*;

    /// Four activations of row `r`, step `s`, as one i32.
    #[inline(always)]
    unsafe fn four(x: &[i8], kp: usize, r: usize, s: usize) -> i32 {
        x.as_ptr().add(r * kp + s * 4).cast::<i32>().read_unaligned()
    }

    /// # Safety
    /// AVX-512 F/BW/VNNI; `x` holds `R · kp`, `w` `kp · NB`, `sums` `NB` values.
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    pub(super) unsafe fn dot_vnni<const R: usize>(
        x: &[i8],
        kp: usize,
        w: &[i8],
        sums: &[i32],
        acc: &mut [[i32; NB]; MR],
    ) {
        let mut c = [[_mm512_setzero_si512(); 4]; R];
        let wp = w.as_ptr();
        for s in 0..kp / 4 {
            let base = wp.add(s * STEP);
            let wv = [0, 1, 2, 3].map(|v| _mm512_loadu_si512(base.add(v * 64).cast()));
            for (r, c) in c.iter_mut().enumerate() {
                // x + 128 as u8: the sign bit flipped.
                let a = _mm512_set1_epi32(four(x, kp, r, s) ^ 0x8080_8080u32 as i32);
                for (c, &wv) in c.iter_mut().zip(&wv) {
                    *c = _mm512_dpbusd_epi32(*c, a, wv);
                }
            }
        }
        for (c, acc) in c.iter().zip(acc.iter_mut()) {
            for (v, &c) in c.iter().enumerate() {
                let corr =
                    _mm512_slli_epi32::<7>(_mm512_loadu_si512(sums.as_ptr().add(v * 16).cast()));
                _mm512_storeu_si512(acc.as_mut_ptr().add(v * 16).cast(), _mm512_sub_epi32(c, corr));
            }
        }
    }

    /// # Safety
    /// AVX2; `x` holds `R · kp` values, `w` and `abs` `kp · NB`, `acc` at
    /// least `R` rows.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn dot_avx2<const R: usize>(
        x: &[i8],
        kp: usize,
        w: &[i8],
        abs: &[i8],
        acc: &mut [[i32; NB]],
    ) {
        let ones = _mm256_set1_epi16(1);
        let (wp, ap) = (w.as_ptr(), abs.as_ptr());
        // 16 columns (two registers) at a time.
        for pair in 0..NB / 16 {
            let mut c = [[_mm256_setzero_si256(); 2]; R];
            for s in 0..kp / 4 {
                let o = s * STEP + pair * 64;
                let w = [
                    _mm256_loadu_si256(wp.add(o).cast()),
                    _mm256_loadu_si256(wp.add(o + 32).cast()),
                ];
                let a = [
                    _mm256_loadu_si256(ap.add(o).cast()),
                    _mm256_loadu_si256(ap.add(o + 32).cast()),
                ];
                for (r, c) in c.iter_mut().enumerate() {
                    let x = _mm256_set1_epi32(four(x, kp, r, s));
                    for h in 0..2 {
                        // |w| · (x · sign w) = x · w; pairs ≤ 2·127·127 fit i16.
                        let p = _mm256_maddubs_epi16(a[h], _mm256_sign_epi8(x, w[h]));
                        c[h] = _mm256_add_epi32(c[h], _mm256_madd_epi16(p, ones));
                    }
                }
            }
            for (c, acc) in c.iter().zip(acc.iter_mut()) {
                for (h, c) in c.iter().enumerate() {
                    _mm256_storeu_si256(acc.as_mut_ptr().add(pair * 16 + h * 8).cast(), *c);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn i8(&mut self) -> i8 {
            ((self.next() % 255) as i32 - 127) as i8
        }
        fn f32(&mut self) -> f32 {
            (self.next() % 20001) as f32 / 10000.0 - 1.0
        }
    }

    fn kernels() -> Vec<Kernel> {
        [Kernel::Vnni512, Kernel::Avx2, Kernel::Scalar]
            .into_iter()
            .filter(|k| k.available())
            .collect()
    }

    #[test]
    fn kernels_agree_exactly_on_random_blocks() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        eprintln!("kernels on this CPU: {:?}", kernels());
        for kp in [4, 8, 12, 60, 256, 1028] {
            let block: Vec<i8> = (0..kp * NB).map(|_| rng.i8()).collect();
            let abs: Vec<i8> = block.iter().map(|w| w.abs()).collect();
            let mut sums = vec![0i32; NB];
            for (s, ws) in block.chunks_exact(STEP).enumerate() {
                let _ = s;
                for (c, w) in ws.chunks_exact(4).enumerate() {
                    sums[c] += w.iter().map(|&w| i32::from(w)).sum::<i32>();
                }
            }
            for rows in 1..=MR {
                let x: Vec<i8> = (0..rows * kp).map(|_| rng.i8()).collect();
                let mut want = [[0i32; NB]; MR];
                dot_scalar(&x, kp, rows, &block, &mut want);
                // The reference straight from the definition.
                for r in 0..rows {
                    for c in 0..NB {
                        let d: i32 = (0..kp)
                            .map(|k| {
                                i32::from(x[r * kp + k])
                                    * i32::from(block[(k / 4) * STEP + c * 4 + k % 4])
                            })
                            .sum();
                        assert_eq!(want[r][c], d);
                    }
                }
                for kernel in kernels() {
                    let mut got = [[7i32; NB]; MR];
                    dot(kernel, &x, kp, rows, &block, &abs, &sums, &mut got);
                    assert_eq!(got[..rows], want[..rows], "{kernel:?}, kp {kp}, rows {rows}");
                }
            }
        }
    }

    #[test]
    fn extreme_values_do_not_saturate() {
        // ±127 everywhere: the largest pair sums of `vpmaddubsw`.
        let kp = 1024;
        for (xv, wv) in [(127i8, 127i8), (-127, 127), (127, -127), (-127, -127)] {
            let block = vec![wv; kp * NB];
            let abs = vec![wv.abs(); kp * NB];
            let sums = vec![i32::from(wv) * kp as i32; NB];
            let x = vec![xv; MR * kp];
            for kernel in kernels() {
                let mut got = [[0i32; NB]; MR];
                dot(kernel, &x, kp, MR, &block, &abs, &sums, &mut got);
                let want = i32::from(xv) * i32::from(wv) * kp as i32;
                assert!(got.iter().flatten().all(|&v| v == want), "{kernel:?} {xv} {wv}");
            }
        }
    }

    /// int8 layer output vs the f32 product, on odd shapes, every kernel.
    #[test]
    fn layers_match_f32_within_quantisation_error() {
        let mut rng = Rng(42);
        for (m, k, n) in [(1, 1, 1), (7, 13, 5), (13, 256, 70), (2, 1027, 129), (31, 64, 64)] {
            let w: Vec<f32> = (0..n * k).map(|_| rng.f32()).collect();
            let b: Vec<f32> = (0..n).map(|_| rng.f32()).collect();
            let x: Vec<f32> = (0..m * k).map(|_| rng.f32()).collect();
            let mut outs = Vec::new();
            for kernel in kernels() {
                let q = QuantLinear::new(&w, &b, n, k, kernel);
                let y = q.forward(&x, m);
                assert_eq!(y.len(), m * n);
                for i in 0..m {
                    for j in 0..n {
                        let exact: f32 =
                            (0..k).map(|t| x[i * k + t] * w[j * k + t]).sum::<f32>() + b[j];
                        // Each factor is off by at most half a step (1/254 of
                        // its row's max of 1): |err| ≲ k · 2 · (1/254).
                        let tol = k as f32 * 2.0 / 254.0 + 1e-4;
                        let d = (y[i * n + j] - exact).abs();
                        assert!(d <= tol, "{kernel:?} ({m},{k},{n}) [{i},{j}]: {d} > {tol}");
                    }
                }
                outs.push(y);
            }
            assert!(outs.windows(2).all(|p| p[0] == p[1]), "kernels disagree on ({m},{k},{n})");
        }
    }

    #[test]
    fn quantisation_rounds_to_nearest_even_and_is_the_same_vectorised() {
        assert_eq!(
            [0.5, 1.5, 2.5, -0.5, -1.5, 126.5, 300.0, -300.0, f32::NAN].map(|v| quantize(v, 1.0)),
            [0, 2, 2, 0, -2, 126, 127, -127, 0]
        );
        let mut rng = Rng(7);
        for len in [1, 15, 16, 17, 255, 1024, 1027] {
            let row: Vec<f32> = (0..len).map(|_| rng.f32() * 3.0).collect();
            let (mut a, mut b) = (vec![0i8; len], vec![0i8; len]);
            assert_eq!(quantize_row(&row, &mut a), quantize_row_portable(&row, &mut b));
            assert_eq!(a, b, "len {len}");
            assert!(a.iter().any(|&q| q.abs() == 127), "the largest value maps to ±127");
        }
    }

    #[test]
    fn degenerate_inputs_do_not_panic() {
        let q = QuantLinear::new(&[1.0, 2.0], &[0.5], 1, 2, Kernel::detect());
        assert_eq!(q.forward(&[], 0), Vec::<f32>::new());
        assert_eq!(q.forward(&[0.0, 0.0], 1), vec![0.5]);
        assert_eq!(q.forward(&[1.0], 1), vec![0.5]);
        let y = q.forward(&[f32::NAN, f32::INFINITY], 1);
        assert_eq!(y.len(), 1);
        let z = QuantLinear::new(&[], &[], 0, 3, Kernel::detect());
        assert_eq!(z.forward(&[1.0, 2.0, 3.0], 1), Vec::<f32>::new());
        let e = QuantLinear::new(&[], &[1.0, 2.0], 2, 0, Kernel::detect());
        assert_eq!(e.forward(&[], 2), vec![1.0, 2.0, 1.0, 2.0]);
    }
}
