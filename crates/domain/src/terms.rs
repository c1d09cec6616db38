//! The regulation's four terms per complaint (DESIGN §3–§4).
//!
//! (Being written: see the calendar helper's task.)

use serde::{Deserialize, Serialize};

/// The regulation's steps that have a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// 1: report to the direct manager, the day of receipt.
    Report,
    /// 2: contact with the complainant, 2 working days after receipt.
    Contact,
    /// 3: decide on merit and make the offer, 2 weeks after receipt.
    Offer,
    /// 4: record actions and results on the form, 3 weeks after receipt.
    Record,
}

impl Step {
    pub const ALL: [Step; 4] = [Step::Report, Step::Contact, Step::Offer, Step::Record];

    /// Dutch name of the step as the regulation calls it.
    pub fn label(self) -> &'static str {
        match self {
            Step::Report => "melden bij leidinggevende",
            Step::Contact => "contact met klager",
            Step::Offer => "aanbod",
            Step::Record => "vastleggen op klachtenformulier",
        }
    }
}
