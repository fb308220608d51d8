//! int8 dense layers vs f32 on the embedded model: logits on sentences of
//! several languages, and the entities of the seed press release.

use rolegraph::{Extractor, Precision};

const SEED: &str = include_str!("../examples/seed-000.txt");

const SENTENCES: &[&str] = &[
    "La ministre des Affaires étrangères, Mélanie Joly, a reçu son homologue allemande à Ottawa.",
    "Foreign Secretary Boris Johnson met with the Indian Minister of External Affairs in London on Monday.",
    "El canciller de Uruguay se reunió con la vicepresidenta de Colombia en Montevideo.",
    "Bundeskanzlerin Angela Merkel traf den französischen Präsidenten Emmanuel Macron in Berlin.",
    "Il ministro degli Esteri Luigi Di Maio ha incontrato alla Farnesina l'omologo croato.",
    "O ministro dos Negócios Estrangeiros reuniu-se com o secretário-geral da ONU em Lisboa.",
    "Secretary of State Antony J. Blinken held talks with NATO Secretary General Jens Stoltenberg.",
    SEED,
];

fn model(p: Precision) -> Extractor {
    Extractor::builder().precision(p).build().expect("the default model loads")
}

/// Largest |int8 − f32| logit accepted (0.15 measured on these texts).
const MAX_ABS_DIFF: f32 = 0.5;

/// Logits within [`MAX_ABS_DIFF`] and the same arg-max label on at least
/// 99% of tokens (1044 of 1045 measured).
#[test]
fn int8_logits_close_to_f32() {
    let (f, q) = (model(Precision::Fp32), model(Precision::Int8));
    let (mut worst, mut tokens, mut agree) = (0f32, 0usize, 0usize);
    for text in SENTENCES {
        let (a, b) = (f.window_logits(text).unwrap(), q.window_logits(text).unwrap());
        assert_eq!(a.len(), b.len());
        for (a, b) in a.iter().zip(&b) {
            assert_eq!(a.logits.dim(), b.logits.dim());
            for (ra, rb) in a.logits.rows().into_iter().zip(b.logits.rows()) {
                let argmax = |r: ndarray::ArrayView1<f32>| {
                    r.iter().enumerate().max_by(|x, y| x.1.total_cmp(y.1)).map(|(i, _)| i)
                };
                tokens += 1;
                agree += usize::from(argmax(ra) == argmax(rb));
                for (x, y) in ra.iter().zip(rb) {
                    worst = worst.max((x - y).abs());
                }
            }
        }
    }
    let share = agree as f64 / tokens as f64;
    eprintln!("int8 vs f32: max |Δlogit| {worst:.4}, arg-max agreement {agree}/{tokens}");
    assert!(worst < MAX_ABS_DIFF, "max |Δlogit| = {worst}");
    assert!(share >= 0.99, "arg-max agreement {agree}/{tokens}");
    // int8 is not f32: a path that silently ran f32 would show no difference.
    assert!(worst > 0.0, "int8 logits identical to f32: was int8 used?");
}

/// The seed's entities in int8 are those of f32: label, text and span.
/// (Before activations were rounded to nearest-even, one ORG end moved:
/// f32 `[Cabinet]` du ministre, int8 `[Cabinet du]`, where `du` is O at 0.53
/// against I-ORG at 0.35 in f32; a kernel change may tip it again.)
#[test]
fn seed_entities_same_in_int8() {
    let (f, q) = (model(Precision::Fp32), model(Precision::Int8));
    let key = |e: &rolegraph::Entity| (e.label.clone(), e.text.clone(), e.bytes.start, e.bytes.end);
    let a: Vec<_> = f.extract(SEED).unwrap().entities.iter().map(key).collect();
    let b: Vec<_> = q.extract(SEED).unwrap().entities.iter().map(key).collect();
    assert!(a.len() > 10, "{a:#?}");
    assert_eq!(a, b);
}

#[test]
fn auto_resolves_to_a_concrete_precision() {
    assert_ne!(Precision::Auto.resolve(), Precision::Auto);
    assert_eq!(Precision::Fp32.resolve(), Precision::Fp32);
    assert_eq!(Precision::Int8.resolve(), Precision::Int8);
    let _ = Precision::default();
}
