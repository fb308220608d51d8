//! The embedded default model on the project's reference press release
//! (`examples/seed-000.txt`): entity text and type, not float scores.

use rolegraph::Entity;

const SEED: &str = include_str!("../examples/seed-000.txt");

fn entities() -> Vec<Entity> {
    rolegraph::extract(SEED).expect("the default model loads and runs").entities
}

fn has(ents: &[Entity], label: &str, text: &str) -> bool {
    ents.iter().any(|e| e.label == label && e.text == text)
}

#[test]
fn people_with_exact_spans() {
    let ents = entities();
    for name in ["Ralph Goodale", "Kevin McAleenan", "Scott Bardsley"] {
        let e = ents
            .iter()
            .find(|e| e.text == name)
            .unwrap_or_else(|| panic!("{name} not found in {ents:#?}"));
        assert_eq!(e.label, "PER", "{e:?}");
        let start = SEED.find(name).unwrap();
        assert_eq!((e.bytes.start, e.bytes.end), (start, start + name.len()));
        assert_eq!(e.chars.start, SEED[..start].chars().count());
    }
    // Surname-only mentions ("Le ministre Goodale", "le secrétaire intérimaire McAleenan").
    for surname in ["Goodale", "McAleenan"] {
        let n = ents.iter().filter(|e| e.label == "PER" && e.text == surname).count();
        assert!(n >= 1, "surname mention {surname} as PER: {ents:#?}");
    }
}

#[test]
fn no_title_word_is_a_person() {
    for e in entities().iter().filter(|e| e.label == "PER") {
        let lower = e.text.to_lowercase();
        for title in ["ministre", "responsable", "secrétaire", "homologue"] {
            assert!(!lower.contains(title), "title word tagged as a person: {e:?}");
        }
    }
}

#[test]
fn all_caps_dateline_place() {
    let ents = entities();
    assert!(
        ents.iter().any(|e| e.label == "LOC" && e.text.contains("WASHINGTON")),
        "Washington as LOC: {ents:#?}"
    );
}

#[test]
fn agencies() {
    let ents = entities();
    let orgs: Vec<&str> =
        ents.iter().filter(|e| e.label == "ORG").map(|e| e.text.as_str()).collect();
    // The tagger leaves the first word out (`[publique et Protection civile
    // Canada]`); the source line names the whole publisher.
    assert!(
        has(&ents, "ORG", "Sécurité publique et Protection civile Canada"),
        "the SOURCE agency as ORG: {orgs:?}"
    );
    assert!(!orgs.iter().any(|o| o.starts_with("SOURCE")), "SOURCE glued to an ORG: {orgs:?}");
    assert!(has(&ents, "ORG", "CNW") || orgs.len() >= 2, "{orgs:?}");
}

#[test]
fn relations_on_the_seed() {
    let found = rolegraph::extract(SEED).unwrap();
    let met = found.relations.met_with();
    assert_eq!(met.len(), 1, "{met:?}");
    let (a, b) = &met[0];
    let pair = [a.as_str(), b.as_str()];
    assert!(pair.contains(&"Ralph Goodale") && pair.contains(&"Kevin McAleenan"), "{pair:?}");
    let meeting = &found.relations.meetings[0];
    assert_eq!(meeting.date.as_ref().and_then(|d| d.iso.as_deref()), Some("2019-06-10"));
    assert_eq!(meeting.place.as_ref().map(|p| p.text.as_str()), Some("WASHINGTON D.C."));
    let goodale = found.relations.person("Ralph Goodale").expect("Goodale");
    assert!(goodale.roles.iter().any(|r| {
        r.title.as_ref().is_some_and(|t| t.text == "ministre")
            && r.of
                .as_ref()
                .is_some_and(|o| o.text == "Sécurité publique et de la Protection civile")
    }));
    // Datelined Washington, published by a Canadian department: his agency is Canadian.
    let orgs: Vec<Option<&str>> = goodale.roles.iter().map(|r| r.org.as_deref()).collect();
    assert!(orgs.contains(&Some("Public Safety Canada")), "{orgs:?}");
    let mcaleenan = found.relations.person("Kevin McAleenan").expect("McAleenan");
    let orgs: Vec<Option<&str>> = mcaleenan.roles.iter().map(|r| r.org.as_deref()).collect();
    assert!(orgs.contains(&Some("U.S. Department of Homeland Security")), "{orgs:?}");
    assert!(!found.relations.discussions.is_empty());
    // The graph holds both people and their meeting.
    let people = found.graph.nodes.iter().filter(|n| n.id.starts_with("person/")).count();
    assert!(people >= 2);
}

#[test]
fn extract_reports_the_repaired_tagger_output() {
    let ner = rolegraph::default_extractor().unwrap();
    let tagged = ner.entities(SEED).unwrap();
    let found = ner.extract(SEED).unwrap();
    assert_eq!(found.entities, ner.relator().repair(SEED, &tagged));
}

#[test]
fn page_furniture_gives_no_entity() {
    let ents = entities();
    for e in &ents {
        let t = e.text.as_str();
        assert!(
            !matches!(t, "Liens connexes" | "Related Links") && !t.ends_with('-'),
            "a heading or a word fragment as an entity: {e:?}"
        );
        assert!(!t.contains('@') && !t.contains("http"), "contact details in an entity: {e:?}");
    }
}

#[test]
fn dates_are_read_whole() {
    let ents = entities();
    let dates: Vec<&str> =
        ents.iter().filter(|e| e.label == "DATE").map(|e| e.text.as_str()).collect();
    assert_eq!(dates, ["2019-06", "10 juin 2019"], "{ents:#?}");
}
