//! Replays every input under `fuzz/corpus/` (seeds and crash inputs found by
//! `cargo fuzz`) through the fuzz target bodies: the fuzz smoke run of CI.

#[path = "../fuzz/targets.rs"]
mod targets;

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        run(&std::fs::read(&path).unwrap());
        n += 1;
    }
    assert!(n > 0, "no inputs in {}", dir.display());
}

#[test]
fn extract_corpus() {
    replay("extract", targets::extract);
}

#[test]
fn decode_corpus() {
    replay("decode", targets::decode);
}

#[test]
fn random_bytes_smoke() {
    // A short deterministic pseudo-random run over both targets.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for len in 0..200 {
        let data: Vec<u8> = (0..len * 3)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect();
        targets::extract(&data);
        targets::decode(&data);
        targets::relate(&data);
    }
}

#[test]
fn relate_corpus() {
    replay("relate", targets::relate);
}

#[test]
fn marked_text_reads_entities() {
    let (text, ents) = targets::marked("[P:Ralph Goodale] met [x] [O:] in [L:Ottawa].");
    assert_eq!(text, "Ralph Goodale met [x] [O:] in Ottawa.");
    let got: Vec<_> = ents.iter().map(|e| (e.label.as_str(), e.text.as_str())).collect();
    assert_eq!(got, [("PER", "Ralph Goodale"), ("LOC", "Ottawa")]);
    assert_eq!(&text[ents[1].bytes.range()], "Ottawa");
}
