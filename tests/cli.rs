//! The `rolegraph` command: errors are messages and exit codes, never panics.

use std::io::Write;
use std::process::Stdio;

mod common;
use common::{fixture, rolegraph};

#[test]
fn invalid_utf8_is_an_error_message() {
    let mut child = rolegraph()
        .args(["extract", "-", "--model", &fixture()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"Paris \xff\xfe est belle").unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("not valid UTF-8") && err.contains("offset 6"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn closed_stdout_ends_quietly() {
    // `rolegraph extract … | head -1`: the reader goes away before the output is written.
    let text = "Ralph Goodale a rencontré Kevin McAleenan à Washington. ".repeat(200);
    let input = std::env::temp_dir().join(format!("rolegraph-cli-{}.txt", std::process::id()));
    std::fs::write(&input, text).unwrap();
    let mut child = rolegraph()
        .args(["extract", input.to_str().unwrap(), "--format", "json", "--model", &fixture()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    std::fs::remove_file(&input).ok();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.status.success(), "{:?} {err}", out.status);
}

#[test]
fn missing_model_directory_names_the_path() {
    let out = rolegraph()
        .args(["extract", "-", "--model", "/nonexistent/model"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("/nonexistent/model"), "{err}");
}

#[test]
fn the_document_id_is_the_file_name_or_id() {
    let input = std::env::temp_dir().join(format!("rolegraph-cli-id-{}.txt", std::process::id()));
    std::fs::write(&input, "Ralph Goodale a rencontré Kevin McAleenan à Washington.").unwrap();
    let path = input.to_str().unwrap();
    let stem = input.file_stem().unwrap().to_str().unwrap();
    for (extra, doc) in [(&[][..], stem), (&["--id", "memo 7"], "memo%207")] {
        let out = rolegraph()
            .args(["extract", path, "--format", "ntriples", "--model", &fixture()])
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let nt = String::from_utf8(out.stdout).unwrap();
        let source = format!("<urn:rolegraph:document/{doc}>");
        assert!(
            nt.contains(&format!("<http://www.w3.org/ns/prov#wasDerivedFrom> {source} .")),
            "{nt}"
        );
    }
    std::fs::remove_file(&input).ok();
}

#[test]
fn html_report_of_standard_input() {
    let mut child = rolegraph()
        .args(["extract", "--format", "html", "--model", &fixture()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"Paris </script> \"&\" Lyon").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
    assert!(page.contains("<h1>stdin</h1>"), "the document is named stdin");
    assert!(page.contains("&lt;/script&gt; &quot;&amp;&quot;"));
    assert_eq!(page.matches("<script").count(), 1);
}
