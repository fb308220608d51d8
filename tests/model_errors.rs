//! Bad model directories are typed errors that name the file and the problem.

use std::path::{Path, PathBuf};

use rolegraph::{ErrorKind, Extractor};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/models").join(name)
}

/// A scratch copy of the bert fixture, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("rolegraph-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for f in ["config.json", "tokenizer.json", "model.safetensors"] {
            std::fs::copy(fixture("bert").join(f), dir.join(f)).unwrap();
        }
        Scratch(dir)
    }
    fn path(&self, f: &str) -> PathBuf {
        self.0.join(f)
    }
    fn edit_config(&self, from: &str, to: &str) {
        let p = self.path("config.json");
        let s = std::fs::read_to_string(&p).unwrap();
        assert!(s.contains(from), "config has {from}");
        std::fs::write(&p, s.replacen(from, to, 1)).unwrap();
    }
    fn build(&self) -> rolegraph::Error {
        match Extractor::builder().model_dir(&self.0).build() {
            Ok(_) => panic!("{} should not load", self.0.display()),
            Err(e) => e,
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

#[test]
fn missing_directory_and_files() {
    let err = Extractor::builder().model_dir("/nonexistent/model").build().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert!(err.to_string().contains("/nonexistent/model"), "{err}");
    for f in ["config.json", "tokenizer.json", "model.safetensors"] {
        let s = Scratch::new(&format!("missing-{f}"));
        std::fs::remove_file(s.path(f)).unwrap();
        let err = s.build();
        assert_eq!(err.kind(), ErrorKind::Io, "{f}: {err}");
        assert!(err.to_string().contains(f), "{f}: {err}");
    }
}

#[test]
fn truncated_weights() {
    let s = Scratch::new("truncated");
    let bytes = std::fs::read(s.path("model.safetensors")).unwrap();
    std::fs::write(s.path("model.safetensors"), &bytes[..bytes.len() / 2]).unwrap();
    let err = s.build();
    assert_eq!(err.kind(), ErrorKind::Model);
    assert!(err.to_string().contains("model.safetensors"), "{err}");
}

#[test]
fn wrong_shapes() {
    let s = Scratch::new("shapes");
    s.edit_config("\"intermediate_size\": 64", "\"intermediate_size\": 65");
    let err = s.build();
    assert_eq!(err.kind(), ErrorKind::Model);
    assert!(err.to_string().contains("intermediate"), "{err}");
}

#[test]
fn unknown_architecture() {
    let s = Scratch::new("arch");
    s.edit_config("BertForTokenClassification", "GPT2ForTokenClassification");
    s.edit_config("\"model_type\": \"bert\"", "\"model_type\": \"gpt2\"");
    let err = s.build();
    assert_eq!(err.kind(), ErrorKind::Model);
    assert!(
        err.to_string().contains("GPT2ForTokenClassification")
            && err.to_string().contains("config.json"),
        "{err}"
    );
}

#[test]
fn id2label_that_does_not_match_the_head() {
    let s = Scratch::new("head");
    s.edit_config("\"8\": \"I-MISC\"", "\"8\": \"I-MISC\", \"9\": \"B-DATE\"");
    let err = s.build();
    assert_eq!(err.kind(), ErrorKind::Model);
    assert!(err.to_string().contains("classifier"), "{err}");
}

#[test]
fn unknown_label() {
    let s = Scratch::new("label");
    s.edit_config("\"8\": \"I-MISC\"", "\"8\": \"MISCELLANEOUS\"");
    let err = s.build();
    assert_eq!(err.kind(), ErrorKind::Labels);
    assert!(
        err.to_string().contains("MISCELLANEOUS") && err.to_string().contains("config.json"),
        "{err}"
    );
}

#[test]
fn tokenizer_from_another_model() {
    let s = Scratch::new("tokenizer");
    // The roberta fixture's vocabulary is larger than the bert model's.
    std::fs::copy(fixture("roberta").join("tokenizer.json"), s.path("tokenizer.json")).unwrap();
    let err = s.build();
    assert_eq!(err.kind(), ErrorKind::Tokenizer);
    assert!(
        err.to_string().contains("tokenizer.json") && err.to_string().contains("another model"),
        "{err}"
    );
    std::fs::write(s.path("tokenizer.json"), "{ not json").unwrap();
    assert_eq!(s.build().kind(), ErrorKind::Tokenizer);
}

#[test]
fn bad_options() {
    let err = Extractor::builder().model_dir(fixture("bert")).batch_size(0).build().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    let err = Extractor::builder().model_dir(fixture("bert")).window_tokens(2).build().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
}

#[test]
fn input_over_the_limit_is_refused_not_truncated() {
    let ner = Extractor::builder().model_dir(fixture("bert")).max_input_bytes(100).build().unwrap();
    let err = ner.entities(&"a ".repeat(60)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Input);
    assert!(err.to_string().contains("max_input_bytes"), "{err}");
    assert!(ner.entities(&"a ".repeat(50)).is_ok());
}

#[cfg(feature = "hub")]
#[test]
fn hub_offline_is_a_clear_error() {
    std::env::set_var("HF_HOME", std::env::temp_dir().join("rolegraph-empty-hf-home"));
    let err = Extractor::builder().hub_model("rolegraph/no-such-model").build().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Hub);
    assert!(err.to_string().contains("rolegraph/no-such-model"), "{err}");
}
