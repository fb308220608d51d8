//! Scores the relations stage on `../shared/data/relations/dev` with the gold
//! entities and with the embedded model's entities (skipped, with a message,
//! when the folder is absent).
//! Set `ROLEGRAPH_DEV_DUMP=1` to print every prediction.

use std::path::PathBuf;

use rolegraph::relate::eval::{evaluate_dir, GoldDoc};
use rolegraph::relate::Relator;

fn dev_dir() -> Option<PathBuf> {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/relations/dev");
    d.is_dir().then_some(d)
}

#[test]
fn dev_set_with_gold_entities_keeps_its_floors() {
    let Some(dir) = dev_dir() else {
        println!("skipped: ../shared/data/relations/dev not found");
        return;
    };
    let relator = Relator::default();
    if std::env::var_os("ROLEGRAPH_DEV_DUMP").is_some() {
        let mut paths: Vec<_> =
            std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        for p in paths {
            let g = GoldDoc::load(&p).unwrap();
            let r = relator.relate_in(Some(&g.lang), &g.text, &g.entities());
            println!("===== {}", g.id);
            for p in &r.people {
                let roles: Vec<String> = p
                    .roles
                    .iter()
                    .map(|r| {
                        format!(
                            "[{:?} | {:?} | {:?}]",
                            r.title.as_ref().map(|t| &t.text),
                            r.of.as_ref().map(|t| &t.text),
                            r.org
                        )
                    })
                    .collect();
                println!(
                    "  {} {:?} {}",
                    p.name,
                    p.mentions.iter().map(|m| &m.text).collect::<Vec<_>>(),
                    roles.join(" ")
                );
            }
            for m in r.meetings.iter().chain(&r.other_contacts) {
                let names: Vec<_> = m
                    .pairs
                    .iter()
                    .map(|&[a, b]| format!("{}–{}", r.people[a].name, r.people[b].name))
                    .collect();
                println!(
                    "  {:?} {:?} {} date={:?} place={:?}",
                    m.kind,
                    m.trigger.text,
                    names.join(", "),
                    m.date.as_ref().map(|d| (&d.span.text, &d.iso)),
                    m.place.as_ref().map(|p| &p.text)
                );
            }
            for d in &r.discussions {
                let names: Vec<_> =
                    d.participants.iter().map(|&i| r.people[i].name.as_str()).collect();
                for t in &d.topics {
                    println!("  TOPIC {:?} {:?} <{}>", d.trigger.text, names, t.text);
                }
            }
        }
    }
    let report = evaluate_dir(&relator, &dir, |d| Ok(d.entities())).unwrap();
    println!("{report}");
    // Floors at the measured values less a margin. Met-with pairs come from
    // the pair classifier trained on the written corpus (issue #12): the rules
    // alone scored 1.0 here (they were written on these documents) and 0.30
    // on the corpus's measure-only part; the classifier 0.88 here. With the
    // gold entities it pairs the two people of fr-014, a phone call (with the
    // model's entities it does not).
    assert!(
        report.false_meeting_docs.len() <= 1,
        "meetings predicted in {:?}",
        report.false_meeting_docs
    );
    assert!(report.met_with.f1 >= 0.8, "met_with F1 {}", report.met_with.f1);
    assert!(report.org.f1 >= 0.3, "org F1 {}", report.org.f1);
    assert!(report.title.f1 >= 0.85, "title F1 {}", report.title.f1);
    assert!(report.agency.f1 >= 0.8, "agency F1 {}", report.agency.f1);
    assert!(report.topic.f1 >= 0.75, "topic F1 {}", report.topic.f1);
    // The report serialises.
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(json["documents"].as_array().unwrap().len(), report.documents.len());
}

#[test]
fn dev_set_with_the_default_model_keeps_its_floors() {
    // End to end: the embedded NER model's entities, then the relations stage.
    let Some(dir) = dev_dir() else {
        println!("skipped: ../shared/data/relations/dev not found");
        return;
    };
    let ner = rolegraph::Extractor::builder().build().unwrap();
    let report = evaluate_dir(ner.relator(), &dir, |d| ner.entities(&d.text)).unwrap();
    println!("{report:#}");
    assert!(report.false_meeting_docs.is_empty(), "{:?}", report.false_meeting_docs);
    assert!(report.met_with.f1 >= 0.8, "met_with F1 {}", report.met_with.f1);
    let entities = report.entities.expect("entities scored").f1;
    assert!(entities >= 0.78, "PER/ORG/LOC entity F1 {entities}");
    assert!(report.org.f1 >= 0.3, "org F1 {}", report.org.f1);
    assert!(report.title.f1 >= 0.85, "title F1 {}", report.title.f1);
    assert!(report.agency.f1 >= 0.8, "agency F1 {}", report.agency.f1);
    assert!(report.topic.f1 >= 0.75, "topic F1 {}", report.topic.f1);
}
