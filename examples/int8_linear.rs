//! fp32 vs int8 dense layers of the shipped encoder's shapes, in GFLOP/s
//! (2·m·k·n per product), alternating the two several times:
//!
//! ```sh
//! cargo run --release --example int8_linear [-- TOKENS [ROUNDS]]
//! ```
//!
//! Single-threaded (as each parallel pass of the extractor runs) and on
//! every core (`RAYON_NUM_THREADS` sets the second).

use std::time::Instant;

use rolegraph::{DenseLayer, Device, Precision};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let tokens = args.first().copied().unwrap_or(2048);
    let rounds = args.get(1).copied().unwrap_or(3);
    let dev = Device::Cpu;
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    println!("int8 resolves to {:?} here; {tokens} tokens", Precision::Auto.resolve());
    println!(
        "{:>5} {:>16} {:>8} {:>10} {:>10} {:>7} {:>10}",
        "round", "shape", "threads", "fp32", "int8", "ratio", "int8 avx2"
    );
    for round in 1..=rounds {
        for (k, n) in [(256, 768), (256, 256), (256, 1024), (1024, 256)] {
            let w = candle_core::Tensor::randn(0f32, 0.05, (n, k), &dev)?;
            let b = candle_core::Tensor::randn(0f32, 0.05, n, &dev)?;
            let x = candle_core::Tensor::randn(0f32, 1.0, (tokens / 128, 128, k), &dev)?;
            let f = DenseLayer::new(w.clone(), b.clone(), Precision::Fp32)?;
            let q = DenseLayer::new(w.clone(), b.clone(), Precision::Int8)?;
            let q2 = DenseLayer::int8_with_kernel(w, b, "avx2")?;
            let flop = 2.0 * (tokens * k * n) as f64;
            for threads in [1, rayon::current_num_threads()] {
                let time = |l: &DenseLayer| -> rolegraph::Result<f64> {
                    let run = || -> rolegraph::Result<f64> {
                        l.forward(&x)?; // warm-up
                        let t = Instant::now();
                        let reps = 5;
                        for _ in 0..reps {
                            l.forward(&x)?;
                        }
                        Ok(flop * reps as f64 / t.elapsed().as_secs_f64() / 1e9)
                    };
                    if threads == 1 {
                        one.install(run)
                    } else {
                        run()
                    }
                };
                let (a, c, d) = (time(&f)?, time(&q)?, time(&q2)?);
                println!(
                    "{round:>5} {:>16} {threads:>8} {a:>10.1} {c:>10.1} {:>7.2} {d:>10.1}",
                    format!("{tokens}x{k}x{n}"),
                    c / a
                );
            }
        }
    }
    Ok(())
}
