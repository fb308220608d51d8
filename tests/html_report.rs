//! `rolegraph extract --format html` in a real browser: headless Chromium
//! loads the page, and the rendered DOM must hold every entity highlighted
//! once, the people, meetings, topics and graph sections, and the mark the
//! page's script leaves when it ran without error (`data-ok="1"`). A
//! screenshot goes to `<target>/html-report/seed.png`.
//!
//! Chromium is required, never skipped: `.ci/run` installs it (`apt-get
//! install -y chromium`); `ROLEGRAPH_CHROMIUM` picks another binary.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use rolegraph::graph::Graph;
use rolegraph::relate::Relator;
use rolegraph::{CharIndex, Entity, Extraction, Span};

const SEED: &str = include_str!("../examples/seed-000.txt");

fn out_dir() -> PathBuf {
    // `<target>/tmp` is CARGO_TARGET_TMPDIR: the report goes next to it.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().join("html-report");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs headless Chromium on `page` with `args`, at most 90 s.
fn chromium(page: &Path, profile: &str, args: &[&str]) -> Output {
    let bin = std::env::var("ROLEGRAPH_CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let profile = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("chromium-{profile}"));
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let child = Command::new(&bin)
        .args(["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        .args(["--no-first-run", "--disable-extensions", "--enable-logging=stderr", "--v=0"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(&url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = child.unwrap_or_else(|e| {
        panic!(
            "cannot run `{bin}` ({e}): the HTML report test needs headless Chromium; \
             .ci/run installs it (apt-get install -y chromium)"
        )
    });
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(90) {
            child.kill().ok();
            panic!("`{bin}` did not finish in 90 s on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{bin} failed: {}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("Uncaught"), "script error in {url}: {err}");
    out
}

/// The attributes of every `<tag …>` start tag of a serialised DOM
/// (Chromium writes attribute values double-quoted, with `&quot;`, `&amp;`
/// and, lately, `&lt;` `&gt;`).
fn start_tags(dom: &str, tag: &str) -> Vec<HashMap<String, String>> {
    let open = format!("<{tag} ");
    let mut out = Vec::new();
    for piece in dom.split(&open).skip(1) {
        let head = &piece[..piece.find('>').unwrap_or(piece.len())];
        let mut attrs = HashMap::new();
        let mut rest = head;
        while let Some(eq) = rest.find("=\"") {
            let name = rest[..eq].trim().to_string();
            let after = &rest[eq + 2..];
            let end = after.find('"').unwrap_or(after.len());
            let value =
                after[..end].replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">");
            attrs.insert(name, value.replace("&amp;", "&"));
            rest = &after[(end + 1).min(after.len())..];
        }
        out.push(attrs);
    }
    out
}

/// Checks the rendered DOM of `found`'s page: every entity marked once with
/// its type and code-point span, the sections, the graph, the script's mark.
fn check_dom(dom: &str, found: &Extraction) {
    let body = &start_tags(dom, "body")[0];
    assert_eq!(
        body.get("data-ok").map(String::as_str),
        Some("1"),
        "the page's script did not finish cleanly: {body:?}"
    );
    let marks: Vec<_> = start_tags(dom, "mark")
        .into_iter()
        .filter(|a| a.get("class").is_some_and(|c| c.split(' ').any(|w| w == "ent")))
        .collect();
    let mut seen: Vec<(String, usize, usize)> = marks
        .iter()
        .map(|a| {
            let n = |k: &str| a[k].parse::<usize>().unwrap();
            (a["data-label"].clone(), n("data-start"), n("data-end"))
        })
        .collect();
    let mut want: Vec<(String, usize, usize)> =
        found.entities.iter().map(|e| (e.label.clone(), e.chars.start, e.chars.end)).collect();
    seen.sort();
    want.sort();
    assert_eq!(seen, want, "entity marks");
    let mut per_type: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &found.entities {
        *per_type.entry(&e.label).or_default() += 1;
    }
    for (label, n) in &per_type {
        let chips: Vec<_> = start_tags(dom, "li")
            .into_iter()
            .filter(|a| a.get("data-label").map(String::as_str) == Some(label))
            .collect();
        assert_eq!(chips.len(), 1, "{label} in the legend");
        assert_eq!(chips[0]["data-count"], n.to_string(), "{label} count");
        let marked = marks.iter().filter(|a| a["data-label"] == *label).count();
        assert_eq!(marked, *n, "{label} marks");
    }
    for id in ["document", "entity-types", "people", "meetings", "topics", "graph"] {
        assert!(dom.contains(&format!("<section id=\"{id}\"")), "section #{id}");
    }
    let svg = start_tags(dom, "svg");
    assert_eq!(svg.len(), 1, "one inline SVG");
    assert_eq!(svg[0]["data-nodes"], found.graph.nodes.len().to_string());
    let drawn = start_tags(dom, "g").into_iter().filter(|a| a.contains_key("data-id")).count();
    assert_eq!(drawn, found.graph.nodes.len(), "a node per graph node");
    let rel = &found.relations;
    for i in 0..rel.people.len() {
        assert!(dom.contains(&format!("id=\"person-{i}\"")), "person {i}");
    }
    for i in 0..rel.meetings.len() {
        assert!(dom.contains(&format!("<tr id=\"meeting-{i}\"")), "meeting row {i}");
        assert!(dom.contains(&format!("id=\"ev-meeting-{i}\"")), "meeting evidence {i}");
    }
    for (d, disc) in rel.discussions.iter().enumerate() {
        for t in 0..disc.topics.len() {
            assert!(dom.contains(&format!("id=\"topic-{d}-{t}\"")), "topic {d}-{t}");
        }
    }
    assert_eq!(dom.matches("<script").count(), 1, "only the page's own script");
}

#[test]
fn seed_report_in_headless_chromium() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/seed-000.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_rolegraph"))
        .args(["extract", seed.to_str().unwrap(), "--format", "html"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = out_dir().join("seed.html");
    std::fs::write(&page, &out.stdout).unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(!html.contains("src=") && !html.contains("<link"), "nothing to fetch");

    // The same extraction through the library.
    let found = rolegraph::extract(SEED).unwrap();
    assert!(!found.relations.meetings.is_empty() && !found.relations.discussions.is_empty());
    assert_eq!(
        html,
        rolegraph::report::Report::new(SEED, &found).document("seed-000").to_html(),
        "the command writes the library's page"
    );

    let dom = chromium(&page, "seed-dom", &["--dump-dom"]);
    check_dom(&String::from_utf8_lossy(&dom.stdout), &found);

    let png = out_dir().join("seed.png");
    std::fs::remove_file(&png).ok();
    let shot = format!("--screenshot={}", png.display());
    chromium(&page, "seed-shot", &[&shot, "--window-size=1280,2000", "--hide-scrollbars"]);
    let bytes = std::fs::read(&png).expect("the screenshot is written");
    assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 20_000, "{} bytes", bytes.len());
}

fn entity(text: &str, idx: &CharIndex, label: &str, surface: &str, nth: usize) -> Entity {
    let start = text.match_indices(surface).nth(nth).unwrap().0;
    let bytes = Span::new(start, start + surface.len());
    Entity {
        label: label.into(),
        text: surface.into(),
        score: 0.9,
        bytes,
        chars: idx.char_span(bytes),
    }
}

#[test]
fn hostile_document_renders_inert() {
    // Markup, quotes, controls and crossing entities, without a model.
    let text = "Minister Ann \"O'Neil\" met Secretary Bob </script><script>document.body.dataset.ok='0'</script> \
                in Zürich on 3 May 2022.\u{0}\u{85} They discussed <img src=x onerror=\"throw 1\"> 😀 trade & tariffs.";
    let idx = CharIndex::new(text);
    let mut entities = vec![
        entity(text, &idx, "PER", "Ann \"O'Neil\"", 0),
        entity(text, &idx, "PER", "Bob", 0),
        entity(text, &idx, "LOC", "Zürich", 0),
        entity(text, &idx, "MISC", "😀 trade", 0),
        entity(text, &idx, "ORG", "trade & tariffs", 0),
        entity(text, &idx, "EVENT\"<x>", "trade", 0),
    ];
    entities.sort_by_key(|e| (e.bytes.start, std::cmp::Reverse(e.bytes.end)));
    let relations = Relator::default().relate(text, &entities);
    let graph = Graph::from_relations(&relations, &entities, Some("</title><script>"));
    let found = Extraction { entities, relations, graph };
    let page = out_dir().join("hostile.html");
    std::fs::write(&page, rolegraph::report::html(text, &found)).unwrap();
    let dom = chromium(&page, "hostile-dom", &["--dump-dom"]);
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(start_tags(&dom, "img").is_empty(), "an <img> from the text");
    check_dom(&dom, &found);
}
