//! `rolegraph extract` in corpus mode: one output record per input line or
//! file, in order, ids kept, error records for the broken ones, exit status.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Output, Stdio};

use serde_json::Value;

mod common;
use common::{fixture, rolegraph};

/// A fresh temporary directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rolegraph-corpus-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .expect("output is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// No progress bar, no terminal control sequences when standard error is a pipe.
fn assert_quiet_progress(err: &str) {
    for mark in ["ETA", "words/s", "\r", "\x1b["] {
        assert!(!err.contains(mark), "progress output {mark:?} on a pipe: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn jsonl_gives_one_record_per_line_in_order_with_errors_for_broken_lines() {
    let dir = temp_dir("jsonl");
    let input = dir.join("docs.jsonl");
    let mut data: Vec<u8> = Vec::new();
    let long_text = "mot ".repeat(100); // 400 bytes: over the 300-byte limit
    let huge_line = "x".repeat(10_000); // over the line limit (2 × 300 + 4096)
    let lines: Vec<Vec<u8>> = vec![
        r#"{"id": "good-1", "text": "Le ministre Ralph Goodale a rencontré Kevin McAleenan.", "lang": "fr", "date": "2019-06-10"}"#.as_bytes().to_vec(),
        br#"{"id": "bad-json", "text": "unterminated"#.to_vec(),
        br#"{"id": "no-text", "lang": "en"}"#.to_vec(),
        b"{\"id\": \"bad-utf8\", \"text\": \"caf\xe9 \xff\"}".to_vec(),
        format!(r#"{{"id": "over-limit", "text": "{long_text}"}}"#).into_bytes(),
        format!(r#"{{"id": "huge-line", "text": "{huge_line}"}}"#).into_bytes(),
        b"".to_vec(),
        br#"{"id": 42, "text": "Angela Merkel traf Emmanuel Macron in Berlin."}"#.to_vec(),
        br#"{"text": "A document without an id."}"#.to_vec(),
    ];
    for l in &lines {
        data.extend_from_slice(l);
        data.push(b'\n');
    }
    std::fs::write(&input, &data).unwrap();
    let out = rolegraph()
        .arg("extract")
        .arg(&input)
        .args(["--jobs", "2", "--max-input-bytes", "300", "--model", &fixture()])
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_quiet_progress(&err);
    let recs = records(&out);
    assert_eq!(recs.len(), lines.len(), "one record per input line");
    let ids =
        ["good-1", "bad-json", "no-text", "bad-utf8", "over-limit", "huge-line", "", "42", ""];
    let broken = [false, true, true, true, true, true, true, false, false];
    let source = input.display().to_string();
    for (i, r) in recs.iter().enumerate() {
        assert_eq!(r["line"], i as u64 + 1, "{r}");
        assert_eq!(r["source"], source.as_str());
        // Ids are kept when the line could be read far enough to have one.
        let readable = !matches!(i, 1 | 3 | 5 | 6 | 8);
        if readable {
            assert_eq!(r["id"], ids[i], "{r}");
        } else {
            assert!(r["id"].is_null(), "{r}");
        }
        assert_eq!(r.get("error").is_some(), broken[i], "line {}: {r}", i + 1);
        if broken[i] {
            assert_eq!(r["error"]["kind"], "input");
            assert!(r.get("entities").is_none());
            // One message on standard error, with the line number.
            let at = format!("{source}:{}: ", i + 1);
            assert_eq!(err.matches(&at).count(), 1, "{at} in {err}");
        } else {
            assert!(r["entities"].is_array() && r["relations"].is_object(), "{r}");
            assert!(r["graph"]["nodes"].is_array(), "{r}");
        }
    }
    assert_eq!(recs[0]["date"], "2019-06-10");
    assert_eq!(recs[0]["lang"], "fr");
    assert_eq!(recs[0]["relations"]["language"], "fr");
    let message = |i: usize| recs[i]["error"]["message"].as_str().unwrap().to_string();
    assert!(message(1).starts_with("invalid JSON"), "{}", message(1));
    assert_eq!(message(2), "no `text` field");
    assert!(message(3).contains("not valid UTF-8"), "{}", message(3));
    assert!(
        message(4).contains("text is 400 bytes, over the limit of 300 bytes"),
        "{}",
        message(4)
    );
    assert!(message(5).contains("line is over 4696 bytes"), "{}", message(5));
    assert!(message(6).contains("blank line"), "{}", message(6));
    assert!(err.contains("6 of 9 inputs failed"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn order_is_kept_across_parallel_jobs_from_standard_input() {
    // Documents of very different lengths, so that later ones finish first.
    let mut data = String::new();
    for i in 0..60 {
        let n = if i % 7 == 0 { 400 } else { 1 + i % 3 };
        let text = "Ralph Goodale a rencontré Kevin McAleenan à Washington. ".repeat(n);
        data += &serde_json::json!({ "id": format!("doc-{i}"), "text": text }).to_string();
        data += "\n";
    }
    let mut child = rolegraph()
        .args(["extract", "-", "--jsonl", "--jobs", "2", "--model", &fixture()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(data.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.is_empty(), "{err}");
    let recs = records(&out);
    assert_eq!(recs.len(), 60);
    for (i, r) in recs.iter().enumerate() {
        assert_eq!(r["id"], format!("doc-{i}"));
        assert_eq!(r["line"], i as u64 + 1);
        assert_eq!(r["source"], "-");
        assert!(r.get("error").is_none(), "{r}");
    }
}

#[test]
fn a_directory_gives_one_record_per_txt_file_in_name_order() {
    let dir = temp_dir("dir");
    std::fs::write(dir.join("b.txt"), "Angela Merkel traf Emmanuel Macron in Berlin.").unwrap();
    std::fs::write(dir.join("a.txt"), "Le ministre Ralph Goodale a rencontré Kevin McAleenan.")
        .unwrap();
    std::fs::write(dir.join("c.txt"), b"Paris \xff\xfe est belle").unwrap();
    std::fs::write(dir.join("d.txt"), "").unwrap();
    std::fs::write(dir.join("notes.md"), "not a document").unwrap();
    let out = rolegraph()
        .arg("extract")
        .arg(&dir)
        .args(["--model", &fixture()])
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_quiet_progress(&err);
    assert!(err.contains("1 entries not ending in .txt not read"), "{err}");
    let recs = records(&out);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "b", "c", "d"]);
    for r in &recs {
        assert!(r["line"].is_null());
        assert!(r["source"].as_str().unwrap().ends_with(".txt"));
    }
    assert!(recs[0].get("error").is_none() && recs[1].get("error").is_none());
    assert_eq!(recs[2]["error"]["kind"], "input");
    assert!(recs[2]["error"]["message"].as_str().unwrap().contains("offset 6"), "{}", recs[2]);
    // An empty file is an empty document, not an error.
    assert_eq!(recs[3]["entities"], serde_json::json!([]));
    assert!(err.contains("c.txt: not valid UTF-8"), "{err}");

    // Without the broken file the run succeeds.
    std::fs::remove_file(dir.join("c.txt")).unwrap();
    let out = rolegraph()
        .arg("extract")
        .arg(&dir)
        .args(["--jobs", "1", "--model", &fixture()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(records(&out).len(), 3);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn several_files_and_missing_ones_each_get_a_record() {
    let dir = temp_dir("files");
    let a = dir.join("one.txt");
    std::fs::write(&a, "Ralph Goodale a rencontré Kevin McAleenan.").unwrap();
    let jsonl = dir.join("more.jsonl");
    std::fs::write(
        &jsonl,
        "{\"id\":\"x\",\"text\":\"Bonjour.\"}\n{\"id\":\"y\",\"text\":\"Hallo.\"}",
    )
    .unwrap();
    let missing = dir.join("missing.txt");
    let out = rolegraph()
        .arg("extract")
        .args([&a, &missing, &jsonl])
        .args(["--model", &fixture()])
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["one", "missing", "x", "y"]);
    assert_eq!(recs[1]["error"]["kind"], "io");
    assert_eq!(recs[3]["line"], 2, "a last line without a newline counts");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn graph_formats_write_the_merged_graph_and_table_is_refused() {
    let dir = temp_dir("graph");
    std::fs::write(dir.join("a.txt"), "Ralph Goodale a rencontré Kevin McAleenan.").unwrap();
    std::fs::write(dir.join("b.txt"), "Kevin McAleenan a rencontré Ralph Goodale.").unwrap();
    let out = rolegraph()
        .arg("extract")
        .arg(&dir)
        .args(["--format", "json", "--model", &fixture()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let graph: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(graph["nodes"].is_array() && graph["edges"].is_array(), "{graph}");
    assert!(graph.get("entities").is_none(), "the merged graph, not an extraction");

    let out = rolegraph()
        .arg("extract")
        .arg(&dir)
        .args(["--format", "table", "--model", &fixture()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("corpus mode"), "{}", stderr(&out));

    // One page per document is not a corpus format; nor is one --id.
    for extra in [&["--format", "html"][..], &["--id", "x"]] {
        let out = rolegraph()
            .arg("extract")
            .arg(&dir)
            .args(extra)
            .args(["--model", &fixture()])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{extra:?}");
        assert!(stderr(&out).contains("corpus mode"), "{}", stderr(&out));
        assert!(out.stdout.is_empty(), "{extra:?}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn single_file_json_is_unchanged_and_matches_the_corpus_record() {
    let dir = temp_dir("single");
    let file = dir.join("doc.txt");
    let text = "Le ministre Ralph Goodale a rencontré Kevin McAleenan à Washington.";
    std::fs::write(&file, text).unwrap();
    let single = rolegraph()
        .arg("extract")
        .arg(&file)
        .args(["--format", "json", "--model", &fixture()])
        .output()
        .unwrap();
    assert!(single.status.success());
    let pretty = String::from_utf8(single.stdout).unwrap();
    assert!(pretty.starts_with("{\n  \"entities\": ["), "pretty JSON as before: {pretty}");
    let at = |key: &str| pretty.find(&format!("\n  \"{key}\": ")).unwrap_or(usize::MAX);
    assert!(at("entities") < at("relations") && at("relations") < at("graph"), "{pretty}");
    assert!(at("graph") < pretty.len(), "{pretty}");
    let single: Value = serde_json::from_str(&pretty).unwrap();
    assert_eq!(single.as_object().unwrap().len(), 3, "{pretty}");

    let corpus = rolegraph()
        .arg("extract")
        .arg(&file)
        .args(["--format", "jsonl", "--model", &fixture()])
        .output()
        .unwrap();
    assert!(corpus.status.success());
    let recs = records(&corpus);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["id"], "doc");
    assert_eq!(recs[0]["entities"], single["entities"]);
    assert_eq!(recs[0]["relations"], single["relations"]);
    // The file name is the document id of both graphs' provenance.
    assert_eq!(recs[0]["graph"], single["graph"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn zero_jobs_is_a_clear_error() {
    let out = rolegraph()
        .args(["extract", "-", "--jsonl", "--jobs", "0", "--model", &fixture()])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("jobs must be at least 1"), "{}", stderr(&out));
}

#[test]
fn threads_per_job_changes_nothing_but_speed() {
    let dir = temp_dir("threads");
    let input = dir.join("in.jsonl");
    let mut data = String::new();
    for i in 0..6 {
        let text = "Ralph Goodale a rencontré Kevin McAleenan à Washington. ".repeat(1 + i * 3);
        data += &serde_json::json!({ "id": i, "text": text }).to_string();
        data += "\n";
    }
    std::fs::write(&input, data).unwrap();
    let run = |extra: &[&str]| {
        let out = rolegraph()
            .args(["extract", input.to_str().unwrap(), "--model", &fixture()])
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        out.stdout
    };
    let one = run(&["--jobs", "1", "--threads-per-job", "1"]);
    assert_eq!(one, run(&["--jobs", "2", "--threads-per-job", "2"]));
    assert_eq!(String::from_utf8(one).unwrap().lines().count(), 6);
    let out = rolegraph()
        .args(["extract", input.to_str().unwrap(), "--threads-per-job", "0", "--model", &fixture()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("threads_per_job must be at least 1"), "{}", stderr(&out));
}
