//! Exports of the (filtered) complaint list: one row per complaint with
//! its dates, status, classification, handler, merit and, per followed
//! step, its term, the day it was done and whether the term was met; then
//! its channel, complainant (for whoever may see the complaint), offer,
//! satisfaction and the step of the regulation it is at (issue 15).
//!
//! The list is read a page at a time with keyset pagination (the same
//! filters and order as the overview), each page's streams in one query.
//! An export holds at most [`EXPORT_LIMIT`] rows; a larger selection is
//! refused with a message instead of building a huge file.

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{Complaint, Kind, Status};
use klacht_domain::stats::{ComplaintFacts, FOLLOWED_STEPS, StepFacts, StepOutcome};
use klacht_domain::terms::Step;
use klacht_domain::{ComplaintId, User, UserId};
use klacht_i18n::Tr;
use klacht_store::{ComplaintFilter, Store};

use super::{PAGE, ReportError};
use crate::complaints::replay;

/// The most rows one export holds.
pub const EXPORT_LIMIT: usize = 20_000;

/// One followed step of an exported complaint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepCells {
    pub due: Date,
    pub done: Option<Date>,
    /// "ja", "nee", "overgeslagen" or "nog niet", in the reader's words.
    pub met: String,
}

/// One exported complaint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRow {
    pub id: ComplaintId,
    pub reference: String,
    /// "klacht" or "signaal", in the reader's words (as are the other
    /// values of closed lists).
    pub kind: String,
    /// Local date and time of receipt.
    pub received: jiff::civil::DateTime,
    pub status: String,
    pub category: String,
    pub cause: String,
    pub service: String,
    pub handler: String,
    pub team: String,
    pub merit: String,
    /// Report, contact, offer and record; none for signals.
    pub steps: Option<[StepCells; 4]>,
    pub closed: Option<Date>,
    /// How it came in ("telefoon", "webformulier", …).
    pub channel: String,
    /// The complainant's name; empty for whoever may not see the
    /// complaint itself.
    pub complainant: String,
    /// The offer's kind ("genoegdoening", …), when one was made.
    pub offer_kind: String,
    /// The offer's value in euro cents, when it has one.
    pub offer_value_cents: Option<u64>,
    /// 1–5, as the statistics count it.
    pub satisfaction: Option<u8>,
    /// Where in the regulation it stands ("2 contact met klager",
    /// "afsluiten", "afgesloten"); empty for signals.
    pub step: String,
}

/// Column headings in Dutch, in the order of [`ExportRow::cells`]: what
/// [`headers`] gives in Dutch. Columns added later go before "Id", so that
/// sheets built on the earlier ones keep working.
pub const HEADERS: [&str; 30] = [
    "Nummer",
    "Soort",
    "Ontvangen",
    "Status",
    "Categorie",
    "Oorzaak",
    "Dienst",
    "Afhandelaar",
    "Team (leidinggevende)",
    "Oordeel",
    "Melden: termijn",
    "Melden: gedaan op",
    "Melden: op tijd",
    "Contact: termijn",
    "Contact: gedaan op",
    "Contact: op tijd",
    "Aanbod: termijn",
    "Aanbod: gedaan op",
    "Aanbod: op tijd",
    "Vastleggen: termijn",
    "Vastleggen: gedaan op",
    "Vastleggen: op tijd",
    "Afgesloten op",
    "Kanaal",
    "Klager",
    "Aanbod: soort",
    "Aanbod: waarde (EUR)",
    "Tevredenheid (1-5)",
    "Stap",
    "Id",
];

/// The column headings in the words of `t`, in [`HEADERS`] order.
pub fn headers(t: Tr) -> Vec<String> {
    let mut out: Vec<String> = [
        "report-export-number",
        "report-export-kind",
        "report-export-received",
        "report-export-status",
        "report-export-category",
        "report-export-cause",
        "report-export-service",
        "report-export-handler",
        "report-export-team",
        "report-export-merit",
    ]
    .into_iter()
    .map(|k| t.t(k))
    .collect();
    for step in FOLLOWED_STEPS {
        let name = t.t(match step {
            Step::Report => "report-export-step-report",
            Step::Contact => "report-export-step-contact",
            Step::Offer => "report-export-step-offer",
            Step::Record => "report-export-step-record",
        });
        for key in [
            "report-export-due",
            "report-export-done",
            "report-export-met",
        ] {
            out.push(t.t1(key, "step", name.as_str()));
        }
    }
    out.extend(
        [
            "report-export-closed-on",
            "report-export-channel",
            "report-export-complainant",
            "report-export-offer-kind",
            "report-export-offer-value",
            "report-export-satisfaction",
            "report-export-stage",
            "report-export-id",
        ]
        .into_iter()
        .map(|k| t.t(k)),
    );
    out
}

/// Whether a step met its term, in the words of `t`.
fn met(t: Tr, step: &StepFacts, today: Date) -> String {
    t.t(match step.outcome(today) {
        StepOutcome::OnTime => "report-export-met-yes",
        StepOutcome::Late(_) | StepOutcome::Overdue(_) => "report-export-met-no",
        StepOutcome::Waived => "report-export-met-waived",
        StepOutcome::Pending => "report-export-met-pending",
    })
}

/// A cell: text, a number, an amount or a date (written as a real number
/// or date in XLSX).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Number(u64),
    /// Euro cents.
    Euros(u64),
    Date(Date),
    DateTime(jiff::civil::DateTime),
    Empty,
}

impl Cell {
    fn text(s: &str) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    }

    fn date(d: Option<Date>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }

    /// As text: dates as `JJJJ-MM-DD`, sortable and unambiguous.
    pub fn to_text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => n.to_string(),
            // A decimal comma: what Dutch Excel reads as a number from a
            // semicolon-separated file.
            Cell::Euros(cents) => format!("{},{:02}", cents / 100, cents % 100),
            Cell::Date(d) => d.to_string(),
            Cell::DateTime(dt) => dt.strftime("%Y-%m-%d %H:%M").to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// Where in the regulation a complaint stands: the first followed step
/// not done (or waived), "afsluiten" when all are, "afgesloten" once
/// closed; empty for a signal.
fn step_now(f: &ComplaintFacts, t: Tr) -> String {
    if f.kind == Kind::Signal {
        return String::new();
    }
    if f.status == Status::Closed {
        return t.t("report-export-closed");
    }
    match f.steps.iter().find(|s| s.done_on.is_none()) {
        Some(s) => format!("{} {}", s.step.number(), t.label(s.step)),
        None => t.t("report-export-to-close"),
    }
}

impl ExportRow {
    fn of(
        c: &Complaint,
        f: &ComplaintFacts,
        received: jiff::civil::DateTime,
        name: &impl Fn(Option<UserId>) -> String,
        viewer: &User,
        today: Date,
        t: Tr,
    ) -> ExportRow {
        let steps =
            (f.kind == Kind::Complaint && f.steps.len() == FOLLOWED_STEPS.len()).then(|| {
                let cells = |i: usize| StepCells {
                    due: f.steps[i].due,
                    done: f.steps[i].done_on.filter(|_| !f.steps[i].waived),
                    met: met(t, &f.steps[i], today),
                };
                [cells(0), cells(1), cells(2), cells(3)]
            });
        ExportRow {
            id: f.id,
            reference: f.reference.to_string(),
            kind: t.label(f.kind),
            received,
            status: t.label(f.status),
            category: f.category.clone().unwrap_or_default(),
            cause: f.cause.clone().unwrap_or_default(),
            service: f.service.clone().unwrap_or_default(),
            handler: name(f.handler),
            team: name(f.responsible_manager),
            merit: f.merit.map(|m| t.label(m)).unwrap_or_default(),
            steps,
            closed: f.closed_on,
            channel: t.label(f.channel),
            complainant: if klacht_domain::permissions::can_view(viewer, c) {
                c.complainant().name().to_owned()
            } else {
                String::new()
            },
            offer_kind: c
                .offer()
                .map_or_else(String::new, |o| t.label(o.value.kind)),
            offer_value_cents: c.offer().and_then(|o| o.value.value_cents),
            satisfaction: f.satisfaction,
            step: step_now(f, t),
        }
    }

    /// The row's cells in [`HEADERS`] order.
    pub fn cells(&self) -> Vec<Cell> {
        let mut cells = vec![
            Cell::text(&self.reference),
            Cell::text(&self.kind),
            Cell::DateTime(self.received),
            Cell::text(&self.status),
            Cell::text(&self.category),
            Cell::text(&self.cause),
            Cell::text(&self.service),
            Cell::text(&self.handler),
            Cell::text(&self.team),
            Cell::text(&self.merit),
        ];
        match &self.steps {
            Some(steps) => {
                for s in steps {
                    cells.extend([Cell::Date(s.due), Cell::date(s.done), Cell::text(&s.met)]);
                }
            }
            None => cells.extend(std::iter::repeat_n(Cell::Empty, 3 * FOLLOWED_STEPS.len())),
        }
        cells.push(Cell::date(self.closed));
        cells.extend([
            Cell::text(&self.channel),
            Cell::text(&self.complainant),
            Cell::text(&self.offer_kind),
            self.offer_value_cents.map_or(Cell::Empty, Cell::Euros),
            self.satisfaction
                .map_or(Cell::Empty, |s| Cell::Number(u64::from(s))),
            Cell::text(&self.step),
        ]);
        cells.push(Cell::Text(self.id.to_string()));
        cells
    }
}

/// The rows of every complaint `filter` selects (its `after` and `limit`
/// are ignored), newest receipt first, as the overview lists them, for
/// `viewer` to download.
pub async fn export_rows<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    filter: &ComplaintFilter,
    viewer: &User,
    today: Date,
    t: Tr,
) -> Result<Vec<ExportRow>, ReportError> {
    let users = store.list_users().await?;
    let names: HashMap<UserId, String> = users
        .into_iter()
        .map(|u| (u.user.id, u.user.name))
        .collect();
    let name = |id: Option<UserId>| {
        id.map(|id| {
            names
                .get(&id)
                .cloned()
                .unwrap_or_else(|| t.t("report-export-unknown"))
        })
        .unwrap_or_default()
    };
    let mut filter = filter.clone();
    filter.after = None;
    filter.limit = PAGE;
    let mut rows = Vec::new();
    loop {
        let page = store.list_complaints(&filter).await?;
        if rows.len() + page.items.len() > EXPORT_LIMIT {
            return Err(ReportError::TooMany {
                limit: EXPORT_LIMIT,
            });
        }
        let ids: Vec<ComplaintId> = page.items.iter().map(|r| r.id).collect();
        let mut streams: HashMap<ComplaintId, Vec<klacht_store::RawEvent>> =
            store.events_of(&ids).await?.into_iter().collect();
        for item in &page.items {
            let raw = streams.remove(&item.id).unwrap_or_default();
            let complaint = replay(item.id, &raw)?;
            let facts = ComplaintFacts::of(&complaint, calendar);
            let received = item.received_at.to_zoned(calendar.time_zone().clone());
            rows.push(ExportRow::of(
                &complaint,
                &facts,
                received.datetime(),
                &name,
                viewer,
                today,
                t,
            ));
        }
        match page.next {
            Some(next) => filter.after = Some(next),
            None => return Ok(rows),
        }
    }
}

/// Semicolon-separated UTF-8 with a byte-order mark: what Dutch Excel
/// opens correctly by double-clicking. Headings in the words of `t`.
pub fn to_csv(rows: &[ExportRow], t: Tr) -> Result<Vec<u8>, ReportError> {
    let mut out = Vec::with_capacity(rows.len() * 200 + 512);
    out.extend_from_slice("\u{feff}".as_bytes());
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(out);
    let bad = |e: csv::Error| ReportError::Export(e.to_string());
    w.write_record(headers(t)).map_err(bad)?;
    for row in rows {
        w.write_record(
            row.cells()
                .iter()
                .map(|c| crate::spreadsheet::safe_cell(&c.to_text()).into_owned()),
        )
        .map_err(bad)?;
    }
    w.into_inner()
        .map_err(|e| ReportError::Export(e.to_string()))
}

/// An Excel workbook with one sheet, a frozen header row, a filter on
/// every column and real dates. Sheet and headings in the words of `t`.
pub fn to_xlsx(rows: &[ExportRow], generated: Timestamp, t: Tr) -> Result<Vec<u8>, ReportError> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let bad = |e: rust_xlsxwriter::XlsxError| ReportError::Export(e.to_string());
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let title = t.t("report-export-sheet");
    sheet.set_name(&title).map_err(bad)?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd-mm-yyyy");
    let date_time = Format::new().set_num_format("dd-mm-yyyy hh:mm");
    let euros = Format::new().set_num_format("#,##0.00");
    for (c, h) in headers(t).iter().enumerate() {
        sheet
            .write_with_format(0, c as u16, h.as_str(), &bold)
            .map_err(bad)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| ReportError::Export("te veel rijen".into()))?;
        for (c, cell) in row.cells().into_iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => {
                    sheet.write(r, c, s).map_err(bad)?;
                }
                Cell::Number(n) => {
                    sheet.write(r, c, n as f64).map_err(bad)?;
                }
                Cell::Euros(cents) => {
                    sheet
                        .write_with_format(r, c, cents as f64 / 100.0, &euros)
                        .map_err(bad)?;
                }
                Cell::Date(d) => {
                    let x = ExcelDateTime::from_ymd(
                        d.year().unsigned_abs(),
                        d.month().unsigned_abs(),
                        d.day().unsigned_abs(),
                    )
                    .map_err(bad)?;
                    sheet.write_with_format(r, c, &x, &date).map_err(bad)?;
                }
                Cell::DateTime(dt) => {
                    let x = ExcelDateTime::from_ymd(
                        dt.year().unsigned_abs(),
                        dt.month().unsigned_abs(),
                        dt.day().unsigned_abs(),
                    )
                    .and_then(|x| {
                        x.and_hms(
                            u16::from(dt.hour().unsigned_abs()),
                            dt.minute().unsigned_abs(),
                            dt.second().unsigned_abs(),
                        )
                    })
                    .map_err(bad)?;
                    sheet.write_with_format(r, c, &x, &date_time).map_err(bad)?;
                }
                Cell::Empty => {}
            }
        }
    }
    let last_row = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    sheet
        .autofilter(0, 0, last_row, HEADERS.len() as u16 - 1)
        .map_err(bad)?;
    sheet.set_freeze_panes(1, 0).map_err(bad)?;
    for (c, width) in [12, 8, 16, 18, 20, 20, 14, 18, 20, 14]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, width).map_err(bad)?;
    }
    for c in 10..20u16 {
        sheet.set_column_width(c, 13).map_err(bad)?;
    }
    book.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title(&title)
            .set_creation_datetime(
                &ExcelDateTime::from_timestamp(generated.as_second()).map_err(bad)?,
            ),
    );
    book.save_to_buffer().map_err(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> ExportRow {
        let d = |m, day| jiff::civil::date(2026, m, day);
        ExportRow {
            id: ComplaintId::new(uuid::Uuid::nil()),
            reference: "K-2026-0001".into(),
            kind: "klacht".into(),
            received: d(4, 24).at(10, 0, 0, 0),
            status: "afgesloten".into(),
            category: "Planning; \"laat\"".into(),
            cause: String::new(),
            service: "Thuiszorg".into(),
            handler: "Margriet Jansen".into(),
            team: "Margriet Jansen".into(),
            merit: "gegrond".into(),
            steps: Some([
                StepCells {
                    due: d(4, 24),
                    done: Some(d(4, 24)),
                    met: "ja".into(),
                },
                StepCells {
                    due: d(4, 29),
                    done: Some(d(4, 27)),
                    met: "ja".into(),
                },
                StepCells {
                    due: d(5, 8),
                    done: Some(d(5, 11)),
                    met: "nee".into(),
                },
                StepCells {
                    due: d(5, 15),
                    done: None,
                    met: "overgeslagen".into(),
                },
            ]),
            closed: Some(d(5, 20)),
            channel: "telefoon".into(),
            complainant: "Mevrouw J. de Vries".into(),
            offer_kind: "genoegdoening".into(),
            offer_value_cents: Some(1250),
            satisfaction: Some(4),
            step: "afgesloten".into(),
        }
    }

    #[test]
    fn csv_has_a_bom_semicolons_and_quotes_where_needed() {
        let bytes = to_csv(&[row()], Tr::default()).expect("csv");
        let text = String::from_utf8(bytes).expect("utf-8");
        let text = text.strip_prefix('\u{feff}').expect("bom");
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(HEADERS.join(";").as_str()));
        let line = lines.next().expect("a row");
        assert!(line.starts_with("K-2026-0001;klacht;2026-04-24 10:00;afgesloten;\"Planning; \"\"laat\"\"\";;Thuiszorg;"), "{line}");
        assert!(line.contains(";gegrond;2026-04-24;2026-04-24;ja;2026-04-29;2026-04-27;ja;2026-05-08;2026-05-11;nee;2026-05-15;;overgeslagen;2026-05-20;"), "{line}");
        assert!(
            line.contains(
                ";2026-05-20;telefoon;Mevrouw J. de Vries;genoegdoening;12,50;4;afgesloten;"
            ),
            "{line}"
        );
        assert_eq!(row().cells().len(), HEADERS.len());
    }

    #[test]
    fn names_that_look_like_formulas_are_written_as_text() {
        let mut r = row();
        r.handler = "=HYPERLINK(\"http://x.example\",\"klik\")".into();
        r.team = "@SUM(1)".into();
        r.service = "+31 6 12345678".into();
        let text = String::from_utf8(to_csv(&[r], Tr::default()).expect("csv")).expect("utf-8");
        let line = text.lines().nth(1).expect("a row");
        assert!(line.contains(";'+31 6 12345678;"), "{line}");
        assert!(
            line.contains(r#";"'=HYPERLINK(""http://x.example"",""klik"")";'@SUM(1);"#),
            "{line}"
        );
    }

    #[test]
    fn headers_are_dutch_as_before_and_english_for_an_english_reader() {
        assert_eq!(headers(Tr::default()), HEADERS);
        let english = headers(Tr::new(klacht_domain::Language::En));
        assert_eq!(english.len(), HEADERS.len());
        assert_eq!(english[0], "Reference");
        assert_eq!(english[13], "Contact: deadline");
        assert!(
            klacht_i18n::foreign_words(klacht_domain::Language::En, &english.join(" ")).is_empty(),
            "{english:?}"
        );
    }

    #[test]
    fn xlsx_is_a_zip_workbook() {
        let bytes = to_xlsx(&[row(), row()], Timestamp::UNIX_EPOCH, Tr::default()).expect("xlsx");
        assert!(bytes.starts_with(b"PK"), "xlsx is a zip container");
    }
}
