//! The lists' text search by index (issue 14 §2, migration 0028): a part of
//! a word, in any case, in each searched column; one or two characters
//! still search; the bulk path's complaints are found; an anonymised name
//! is not. On SQLite and PostgreSQL.

use jiff::Timestamp;
use jiff::civil::date;
use klacht_domain::{ComplaintId, ReferenceNumber};
use klacht_store::{ComplaintFilter, ComplaintRow, NewStream, RawEvent, Store, store_tests};
use uuid::Uuid;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_776_000_000 + second).expect("in range")
}

fn row(
    id: ComplaintId,
    reference: ReferenceNumber,
    name: &str,
    summary: &str,
    service: &str,
) -> ComplaintRow {
    ComplaintRow {
        id,
        reference,
        version: 1,
        kind: "complaint".into(),
        status: "awaiting_handler".into(),
        channel: "phone".into(),
        received_at: at(i64::from(reference.number())),
        received_by: None,
        responsible_manager: None,
        handler: None,
        complainant_name: name.into(),
        service: Some(service.into()),
        category: Some("Bejegening".into()),
        summary: summary.into(),
        next_step: None,
        next_due: None,
        report_due: date(2026, 4, 24),
        contact_due: date(2026, 4, 29),
        offer_due: date(2026, 5, 8),
        record_due: date(2026, 5, 15),
        closed_at: None,
        updated_at: at(0),
        participants: Vec::new(),
        facts: None,
    }
}

fn stream(row: ComplaintRow) -> NewStream {
    let id = row.id;
    NewStream {
        row,
        events: vec![RawEvent {
            complaint_id: id,
            seq: 1,
            at: at(1),
            actor: "system".into(),
            kind: "registered".into(),
            data: r#"{"type":"registered"}"#.into(),
        }],
        outbox: Vec::new(),
        tracking_code: None,
        attachments: Vec::new(),
    }
}

async fn create<S: Store>(store: &S, name: &str, summary: &str, service: &str) -> ComplaintRow {
    let id = ComplaintId::new(Uuid::new_v4());
    let (name, summary, service) = (name.to_owned(), summary.to_owned(), service.to_owned());
    store
        .create_complaint(2026, move |reference| {
            Ok::<_, ()>(stream(row(id, reference, &name, &summary, &service)))
        })
        .await
        .expect("store")
        .expect("build")
}

async fn search<S: Store>(store: &S, text: &str) -> Vec<ComplaintId> {
    let mut found: Vec<_> = store
        .list_complaints(&ComplaintFilter {
            text: Some(text.into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .expect("search")
        .items
        .into_iter()
        .map(|r| r.id)
        .collect();
    found.sort();
    found
}

fn ids(rows: &[&ComplaintRow]) -> Vec<ComplaintId> {
    let mut ids: Vec<_> = rows.iter().map(|r| r.id).collect();
    ids.sort();
    ids
}

async fn a_part_of_a_word_is_found_in_each_column_in_any_case<S: Store>(store: S) {
    let koster = create(&store, "H. Kosterman", "Wachttijd te lang", "Thuiszorg").await;
    let late = create(
        &store,
        "J. de Vries",
        "Medewerker kwam te LAAT",
        "Wijkverpleging",
    )
    .await;
    let elise = create(&store, "Élise Öztürk", "Factuur klopt niet", "Dagbesteding").await;
    let quote = create(
        &store,
        "A. \"Ab\" Smit",
        "Rolstoel 100% kapot",
        "Hulpmiddelen",
    )
    .await;

    // The name, a part of a word, whatever the case.
    assert_eq!(search(&store, "koster").await, ids(&[&koster]));
    assert_eq!(search(&store, "KOSTERMAN").await, ids(&[&koster]));
    // The summary, the service and the reference.
    assert_eq!(search(&store, "te laat").await, ids(&[&late]));
    assert_eq!(search(&store, "wijkverpl").await, ids(&[&late]));
    assert_eq!(search(&store, "dagBESTEDING").await, ids(&[&elise]));
    let reference = late.reference.to_string();
    assert_eq!(search(&store, &reference).await, ids(&[&late]));
    assert_eq!(
        search(&store, &reference.to_uppercase()).await,
        ids(&[&late])
    );
    // Letters beyond ASCII fold too (SQLite's LOWER does not: the index
    // answers there).
    assert_eq!(search(&store, "élise öz").await, ids(&[&elise]));
    assert_eq!(search(&store, "ÉLISE ÖZ").await, ids(&[&elise]));
    // Quotes and LIKE's wildcards are text.
    assert_eq!(search(&store, "\"ab\"").await, ids(&[&quote]));
    assert_eq!(search(&store, "100%").await, ids(&[&quote]));
    assert!(search(&store, "10_%").await.is_empty());
    // Not across columns, not the category (the overview never searched
    // it), and not what is not there.
    assert!(search(&store, "lang thuis").await.is_empty());
    assert!(search(&store, "bejegening").await.is_empty());
    assert!(search(&store, "kostermann").await.is_empty());
    // Several words in a row are one phrase.
    assert_eq!(search(&store, "kwam te").await, ids(&[&late]));
    assert!(search(&store, "te kwam").await.is_empty());

    // One or two characters still search (without the index on SQLite).
    assert_eq!(search(&store, "oz").await, Vec::<ComplaintId>::new());
    assert_eq!(search(&store, "Ol").await, ids(&[&quote]));
    assert_eq!(search(&store, "%").await, ids(&[&quote]));
    assert_eq!(search(&store, "x").await, Vec::<ComplaintId>::new());
    assert_eq!(search(&store, "H.").await, ids(&[&koster]));

    // A change of the searched text moves the index with it.
    let mut renamed = koster.clone();
    renamed.complainant_name = "H. Bosman".into();
    renamed.version = 2;
    store
        .append(
            1,
            &[RawEvent {
                complaint_id: koster.id,
                seq: 2,
                at: at(2),
                actor: "system".into(),
                kind: "corrected".into(),
                data: r#"{"type":"corrected"}"#.into(),
            }],
            &renamed,
            &[],
        )
        .await
        .expect("append");
    assert!(search(&store, "koster").await.is_empty());
    assert_eq!(search(&store, "bosma").await, ids(&[&koster]));
    // Keyset pages over a search cover every match once.
    let wide = search(&store, "e").await;
    assert_eq!(wide.len(), 4);
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .list_complaints(&ComplaintFilter {
                text: Some("e".into()),
                after,
                limit: 1,
                ..Default::default()
            })
            .await
            .expect("page");
        seen.extend(page.items.iter().map(|r| r.id));
        match page.next {
            Some(c) => after = Some(c),
            None => break,
        }
    }
    seen.sort();
    assert_eq!(seen, wide);
}

async fn the_bulk_paths_complaints_are_found<S: Store>(store: S) {
    // More matches of one word than SQLite's index is asked for (5,000):
    // a common word walks the list's order instead; same answers.
    const MANY: u32 = 5_100;
    let first = store.reserve_references(2026, MANY).await.expect("reserve");
    let streams: Vec<NewStream> = (0..MANY)
        .map(|i| {
            let reference = ReferenceNumber::new(2026, first + i).expect("reference in range");
            let name = match i {
                0 => "Zeldzaam Bulkema".to_owned(),
                1 => "Pietersen".to_owned(),
                _ => format!("Familie Veelvoud {i}"),
            };
            stream(row(
                ComplaintId::new(Uuid::new_v4()),
                reference,
                &name,
                "Geladen in bulk",
                "Thuiszorg",
            ))
        })
        .collect();
    for chunk in streams.chunks(1_000) {
        store.import_streams(chunk).await.expect("import");
    }
    assert_eq!(search(&store, "BULKEM").await, ids(&[&streams[0].row]));
    assert_eq!(search(&store, "pI").await, ids(&[&streams[1].row]));
    // The common word, page by page: every match once, newest first.
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .list_complaints(&ComplaintFilter {
                text: Some("VEELVOUD".into()),
                after,
                limit: 500,
                ..Default::default()
            })
            .await
            .expect("page");
        assert!(
            page.items
                .windows(2)
                .all(|w| (w[0].received_at, w[0].id) > (w[1].received_at, w[1].id))
        );
        seen.extend(page.items.iter().map(|r| r.id));
        match page.next {
            Some(c) => after = Some(c),
            None => break,
        }
    }
    seen.sort();
    let mut expected: Vec<_> = streams[2..].iter().map(|s| s.row.id).collect();
    expected.sort();
    assert_eq!(seen, expected);
}

store_tests!(
    a_part_of_a_word_is_found_in_each_column_in_any_case,
    the_bulk_paths_complaints_are_found,
);
