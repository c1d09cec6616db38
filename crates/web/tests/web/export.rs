//! Exports of the overview's list as CSV and XLSX: the overview's
//! filters, one row per complaint with its terms, every page of a long
//! list, and only for the quality manager and the director.

use crate::common;
use crate::reports_support;

use std::collections::BTreeSet;
use std::io::Read;

use common::spawn_app;
use klacht_domain::complaint::Kind;
use klacht_store::{Store, store_tests};
use reports_support::{at, contact, create, data_set, merit, org, year};

/// The CSV's rows as cells (our data has no quoted fields), header first.
fn csv_rows(body: &str) -> Vec<Vec<String>> {
    let body = body
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for Excel");
    body.lines()
        .map(|l| l.split(';').map(str::to_owned).collect())
        .collect()
}

fn row<'a>(rows: &'a [Vec<String>], reference: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r[0] == reference)
        .unwrap_or_else(|| panic!("{reference} in the export"))
}

async fn csv_has_one_row_per_complaint_with_its_terms<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let org = org(&app.store).await;
    let set = data_set(&app.store, &org).await;
    let y = year();

    for u in [&org.manager, &org.employee, &org.admin] {
        let b = app.login(u.email.as_str()).await;
        for path in ["/overzicht.csv", "/overzicht.xlsx"] {
            assert_eq!(app.get_as(&b, path).await.status(), 403, "{path}");
        }
    }
    let b = app.login(org.quality.email.as_str()).await;

    let overview = app
        .get_as(&b, "/overzicht?categorie=Planning")
        .await
        .text()
        .await
        .expect("body");
    assert!(
        overview.contains(r#"href="/overzicht.csv?categorie=Planning""#),
        "{overview}"
    );
    assert!(overview.contains(r#"href="/overzicht.xlsx?categorie=Planning""#));

    let r = app
        .get_as(&b, &format!("/overzicht.csv?van={y}-01-01&tot={y}-12-31"))
        .await;
    assert_eq!(r.status(), 200);
    let header = |name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(header("content-type"), "text/csv; charset=utf-8");
    assert!(header("content-disposition").starts_with("attachment; filename=\"klachten-"));
    let rows = csv_rows(&r.text().await.expect("body"));
    assert_eq!(rows[0][0], "Nummer");
    // Step 1 first (issue 12), then contact, offer and record.
    assert_eq!(rows[0][12], "Melden: op tijd");
    assert_eq!(rows[0][15], "Contact: op tijd");
    assert_eq!(rows.len(), 1 + 6, "six entries received in {y}");
    assert!(rows.iter().all(|r| r.len() == 30));
    assert_eq!(rows[0][29], "Id", "the id stays last");
    let refs: BTreeSet<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert!(!refs.contains(set.x.to_string().as_str()));

    let c1 = row(&rows, &set.c1.to_string());
    assert_eq!(
        (
            c1[1].as_str(),
            c1[3].as_str(),
            c1[4].as_str(),
            c1[5].as_str()
        ),
        ("klacht", "afgesloten", "Planning", "Werkdruk")
    );
    assert_eq!(
        (c1[6].as_str(), c1[7].as_str(), c1[9].as_str()),
        ("Thuiszorg", "margriet", "gegrond")
    );
    assert_eq!(c1[2], format!("{y}-03-02 10:00"));
    // Reported the day of receipt (due then, or the next working day).
    let report_due =
        klacht_domain::terms::Terms::compute(at(y, 3, 2, 10).timestamp(), &reports_support::cal())
            .due(klacht_domain::terms::Step::Report);
    assert_eq!(
        (c1[10].as_str(), c1[11].as_str(), c1[12].as_str()),
        (
            report_due.to_string().as_str(),
            format!("{y}-03-02").as_str(),
            "ja"
        )
    );
    assert_eq!(c1[14], format!("{y}-03-03"));
    assert_eq!(
        (c1[15].as_str(), c1[18].as_str(), c1[21].as_str()),
        ("ja", "ja", "ja")
    );
    assert_eq!(c1[22], format!("{y}-03-12"));
    let c2 = row(&rows, &set.c2.to_string());
    assert_eq!(
        (c2[15].as_str(), c2[18].as_str(), c2[21].as_str()),
        ("nee", "nee", "nee")
    );
    assert_eq!(c2[9], "ongegrond");
    let c3 = row(&rows, &set.c3.to_string());
    assert_eq!(
        (c3[15].as_str(), c3[18].as_str(), c3[21].as_str()),
        ("overgeslagen", "ja", "nee")
    );
    assert_eq!(c3[14], "", "a waived step has no done date");
    let c4 = row(&rows, &set.c4.to_string());
    assert_eq!(
        (
            c4[3].as_str(),
            c4[4].as_str(),
            c4[7].as_str(),
            c4[9].as_str()
        ),
        ("wacht op afhandelaar", "", "", "")
    );
    assert_eq!(
        (
            c4[12].as_str(),
            c4[15].as_str(),
            c4[18].as_str(),
            c4[21].as_str()
        ),
        ("ja", "nee", "nee", "nee")
    );
    let s1 = row(&rows, &set.s1.to_string());
    assert_eq!((s1[1].as_str(), s1[3].as_str()), ("signaal", "signaal"));
    assert!(
        s1[10..22].iter().all(String::is_empty),
        "a signal has no terms"
    );
    let s2 = row(&rows, &set.s2.to_string());
    assert_eq!(s2[1], "klacht", "converted");

    // The overview's filters apply; newest receipt first.
    let planning = csv_rows(
        &app.get_as(&b, "/overzicht.csv?categorie=Planning")
            .await
            .text()
            .await
            .expect("body"),
    );
    let got: Vec<&str> = planning[1..].iter().map(|r| r[0].as_str()).collect();
    let want = [
        set.c2.to_string(),
        set.s1.to_string(),
        set.c1.to_string(),
        set.x.to_string(),
    ];
    assert_eq!(got, want.iter().map(String::as_str).collect::<Vec<_>>());

    let r = app.get_as(&b, "/overzicht.csv?van=gisteren").await;
    assert_eq!(
        r.status(),
        422,
        "a filter that cannot be applied is refused"
    );
    assert!(r.text().await.expect("body").contains("geen datum"));
}

async fn xlsx_is_a_workbook_with_the_rows<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let org = org(&app.store).await;
    let set = data_set(&app.store, &org).await;
    let b = app.login(org.director.email.as_str()).await;
    let r = app.get_as(&b, "/overzicht.xlsx?status=closed").await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    );
    let bytes = r.bytes().await.expect("body");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .expect("shared strings")
        .read_to_string(&mut strings)
        .expect("text");
    assert!(strings.contains(&set.c1.to_string()));
    assert!(strings.contains(&set.c2.to_string()));
    assert!(!strings.contains(&set.c3.to_string()), "only closed ones");
    assert!(strings.contains("Contact: op tijd"));
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .expect("sheet")
        .read_to_string(&mut sheet)
        .expect("text");
    assert!(sheet.contains("<autoFilter"), "a filter on the header");
    assert!(
        sheet.contains(r#"<row r="3""#) && !sheet.contains(r#"<row r="4""#),
        "two rows"
    );
}

async fn long_lists_are_exported_whole<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let org = org(&app.store).await;
    // More than one page (500) of the store's keyset pagination.
    let y = year() - 2;
    let mut made = BTreeSet::new();
    for i in 0..520u32 {
        let received = at(y, 1 + (i % 12) as i8, 1 + (i % 28) as i8, 8 + (i % 9) as i8);
        made.insert(
            create(
                &app.store,
                &org,
                received,
                Kind::Signal,
                Some("Overig"),
                |_| {},
            )
            .await
            .to_string(),
        );
    }
    let b = app.login(org.quality.email.as_str()).await;
    let rows = csv_rows(
        &app.get_as(&b, "/overzicht.csv")
            .await
            .text()
            .await
            .expect("body"),
    );
    let got: Vec<String> = rows[1..].iter().map(|r| r[0].clone()).collect();
    assert_eq!(got.len(), 520, "every complaint once");
    assert_eq!(got.iter().cloned().collect::<BTreeSet<_>>(), made);
}

/// The cell `reference` (`AA2`) of a worksheet's XML: its type attribute
/// (`t="s"` for text, none for a number or date) and its value.
fn xlsx_cell(sheet: &str, reference: &str) -> (Option<String>, String) {
    let start = sheet
        .find(&format!(r#"<c r="{reference}""#))
        .unwrap_or_else(|| panic!("cell {reference} in {sheet}"));
    let cell = &sheet[start..];
    let cell = &cell[..cell.find("</c>").expect("a closed cell")];
    let open_tag = &cell[..cell.find('>').expect("a tag")];
    let kind = open_tag
        .split(" t=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(str::to_owned);
    let value = cell
        .split("<v>")
        .nth(1)
        .and_then(|rest| rest.split("</v>").next())
        .unwrap_or_default()
        .to_owned();
    (kind, value)
}

/// Issue 15: channel, complainant, offer (kind and value), satisfaction
/// and the step of the regulation, numbers as numbers and dates as dates.
async fn exports_name_channel_complainant_offer_satisfaction_and_step<S: Store>(store: S) {
    use klacht_domain::complaint::{Command, Merit, Offer, OfferKind};
    let app = spawn_app(store).await;
    let org = org(&app.store).await;
    let set = data_set(&app.store, &org).await;
    // Alone in its year: an offer of 25 euro compensation, not yet
    // answered, so step 4 is next.
    let y = year() - 3;
    let m = org.manager.clone();
    let e = create(
        &app.store,
        &org,
        at(y, 4, 6, 10),
        Kind::Complaint,
        Some("Planning"),
        move |p| {
            p.step(
                Command::AssignHandler { handler: m.clone() },
                &m,
                &at(y, 4, 6, 11),
            );
            p.step(contact(&at(y, 4, 7, 10)), &m, &at(y, 4, 7, 12));
            p.step(merit(Merit::Founded), &m, &at(y, 4, 8, 10));
            p.step(
                Command::MakeOffer(Offer {
                    kind: OfferKind::Compensation,
                    description: "Een tegemoetkoming.".into(),
                    value_cents: Some(2_500),
                    director_consulted: false,
                    made_on: at(y, 4, 8, 10).date(),
                    letter_text: None,
                }),
                &m,
                &at(y, 4, 8, 11),
            );
        },
    )
    .await;

    let b = app.login(org.quality.email.as_str()).await;
    let rows = csv_rows(
        &app.get_as(&b, "/overzicht.csv")
            .await
            .text()
            .await
            .expect("body"),
    );
    assert_eq!(
        rows[0][23..29],
        [
            "Kanaal",
            "Klager",
            "Aanbod: soort",
            "Aanbod: waarde (EUR)",
            "Tevredenheid (1-5)",
            "Stap"
        ]
    );
    let cells = |reference: &str| row(&rows, reference)[23..29].to_vec();
    assert_eq!(
        cells(&set.c1.to_string()),
        [
            "telefoon",
            "Mevrouw J. de Vries",
            "extra dienst",
            "",
            "5",
            "afgesloten"
        ]
    );
    assert_eq!(
        cells(&e.to_string()),
        [
            "telefoon",
            "Mevrouw J. de Vries",
            "genoegdoening",
            "25,00",
            "",
            "4 vastleggen op klachtenformulier"
        ]
    );
    // Waiting for a handler: reported, contact next.
    assert_eq!(cells(&set.c4.to_string())[5], "2 contact met klager");
    assert_eq!(cells(&set.c4.to_string())[2], "", "no offer yet");
    // A signal has no steps.
    assert_eq!(cells(&set.s1.to_string())[5], "");

    let r = app
        .get_as(&b, &format!("/overzicht.xlsx?van={y}-01-01&tot={y}-12-31"))
        .await;
    assert_eq!(r.status(), 200);
    let bytes = r.bytes().await.expect("body");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .expect("sheet")
        .read_to_string(&mut sheet)
        .expect("text");
    assert!(!sheet.contains(r#"<row r="3""#), "one row: {sheet}");
    // The value is a number (no t="s"), in euros.
    assert_eq!(xlsx_cell(&sheet, "AA2"), (None, "25".to_owned()));
    // The name and the offer's kind are text.
    assert_eq!(xlsx_cell(&sheet, "Y2").0.as_deref(), Some("s"));
    assert_eq!(xlsx_cell(&sheet, "Z2").0.as_deref(), Some("s"));
    // Receipt and terms are dates: serial numbers with a date format.
    let (kind, received) = xlsx_cell(&sheet, "C2");
    assert_eq!(kind, None);
    assert!(received.parse::<f64>().is_ok(), "{received}");
    let (kind, contact_due) = xlsx_cell(&sheet, "N2");
    assert_eq!(kind, None);
    assert!(contact_due.parse::<u32>().is_ok(), "{contact_due}");

    // Satisfaction as a number: c1 answered 5.
    let y1 = year();
    let r = app
        .get_as(
            &b,
            &format!("/overzicht.xlsx?van={y1}-03-02&tot={y1}-03-02"),
        )
        .await;
    let bytes = r.bytes().await.expect("body");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .expect("sheet")
        .read_to_string(&mut sheet)
        .expect("text");
    assert_eq!(xlsx_cell(&sheet, "AB2"), (None, "5".to_owned()));
}

store_tests!(
    csv_has_one_row_per_complaint_with_its_terms,
    exports_name_channel_complainant_offer_satisfaction_and_step,
    xlsx_is_a_workbook_with_the_rows,
    long_lists_are_exported_whole,
);
