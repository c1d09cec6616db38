//! Improvement actions (verbeteracties, DESIGN §6): a change in working
//! method in answer to complaints, with an owner, a due date, a status and,
//! once done, an evaluation of its effect.
//!
//! As with complaints, decisions are pure: `open` and the methods of
//! [`ImprovementAction`] check who may do what and turn input into an
//! [`ImprovementEvent`]; [`ImprovementAction::apply`] folds it into the
//! state. The store keeps the state and every event (who, when, what).

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Serialize};

use crate::complaint::format_date;
use crate::patterns::PatternKey;
use crate::refusal::{Code, Refusal};
use crate::{ComplaintId, ParseError, Role, User, UserId};

/// Titles and owners' names.
const SHORT: usize = 200;
/// Descriptions and evaluations.
const LONG: usize = 20_000;
/// The most complaints one action links.
pub const MAX_COMPLAINTS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImprovementStatus {
    Open,
    InProgress,
    Done,
}

impl ImprovementStatus {
    pub const ALL: [ImprovementStatus; 3] = [
        ImprovementStatus::Open,
        ImprovementStatus::InProgress,
        ImprovementStatus::Done,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ImprovementStatus::Open => "open",
            ImprovementStatus::InProgress => "in_progress",
            ImprovementStatus::Done => "done",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ImprovementStatus::Open => "open",
            ImprovementStatus::InProgress => "in uitvoering",
            ImprovementStatus::Done => "afgerond",
        }
    }
}

impl fmt::Display for ImprovementStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ImprovementStatus {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ImprovementStatus::ALL
            .into_iter()
            .find(|x| x.as_str() == s.trim())
            .ok_or_else(|| ParseError::new(Code::UnknownStatus.text("input", s.trim())))
    }
}

/// The human number of an action, such as `V-2026-0003`: the year it was
/// opened and a number that counts per year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImprovementNumber {
    year: i16,
    number: u32,
}

impl ImprovementNumber {
    pub fn new(year: i16, number: u32) -> Result<Self, ParseError> {
        if !(2000..=2999).contains(&year) || number == 0 {
            return Err(ParseError::new(
                Code::ImprovementNumberOutOfRange
                    .text("year", year)
                    .text("number", number),
            ));
        }
        Ok(Self { year, number })
    }

    pub fn year(&self) -> i16 {
        self.year
    }

    pub fn number(&self) -> u32 {
        self.number
    }
}

impl fmt::Display for ImprovementNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "V-{}-{:04}", self.year, self.number)
    }
}

impl FromStr for ImprovementNumber {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ParseError::new(Code::NotAnImprovementNumber.text("input", s));
        let rest = s
            .trim()
            .strip_prefix("V-")
            .or_else(|| s.trim().strip_prefix("v-"))
            .ok_or_else(bad)?;
        let (year, number) = rest.split_once('-').ok_or_else(bad)?;
        if year.len() != 4 || number.len() < 4 || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i16 = year.parse().map_err(|_| bad())?;
        let number: u32 = number.parse().map_err(|_| bad())?;
        Self::new(year, number).map_err(|_| bad())
    }
}

/// Why a change to an improvement action was refused: a [`Refusal`] the
/// edges put into the reader's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImprovementError {
    #[error("{0}")]
    NotAllowed(Refusal),
    /// Tied to a field of the form where one applies.
    #[error("{refusal}")]
    Invalid {
        field: &'static str,
        refusal: Refusal,
    },
    #[error("{0}")]
    WrongState(Refusal),
}

impl ImprovementError {
    pub fn refusal(&self) -> &Refusal {
        match self {
            ImprovementError::NotAllowed(r)
            | ImprovementError::Invalid { refusal: r, .. }
            | ImprovementError::WrongState(r) => r,
        }
    }
}

fn invalid(field: &'static str, refusal: impl Into<Refusal>) -> ImprovementError {
    ImprovementError::Invalid {
        field,
        refusal: refusal.into(),
    }
}

fn text(
    field: &'static str,
    what: Code,
    value: &str,
    max: usize,
) -> Result<String, ImprovementError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(invalid(field, Code::Required.phrase("what", what)));
    }
    if value.chars().count() > max {
        return Err(invalid(
            field,
            Code::TooLong.phrase("what", what).text("max", max),
        ));
    }
    Ok(value.to_owned())
}

/// The quality manager and the director open, manage and close actions.
pub fn may_manage(user: &User) -> bool {
    matches!(user.role, Role::QualityManager | Role::Director)
}

/// What the quality manager fills in to open an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImprovement {
    pub title: String,
    /// The change in working method.
    pub description: String,
    /// An active staff member (not the administrator).
    pub owner: User,
    pub due_on: Date,
    pub complaints: Vec<ComplaintId>,
    /// The pattern it answers, if opened from one.
    pub pattern: Option<PatternKey>,
}

/// Everything that happens to an action. The JSON form
/// (`{"type": "status_changed", ...}`) is what the store keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ImprovementEvent {
    Opened {
        title: String,
        description: String,
        owner: UserId,
        due_on: Date,
        complaints: Vec<ComplaintId>,
        pattern: Option<String>,
    },
    StatusChanged {
        from: ImprovementStatus,
        to: ImprovementStatus,
    },
    Closed {
        evaluation: String,
    },
}

impl ImprovementEvent {
    pub fn kind(&self) -> &'static str {
        match self {
            ImprovementEvent::Opened { .. } => "opened",
            ImprovementEvent::StatusChanged { .. } => "status_changed",
            ImprovementEvent::Closed { .. } => "closed",
        }
    }

    /// One Dutch line for the history; the caller adds who and when.
    pub fn describe(&self) -> String {
        match self {
            ImprovementEvent::Opened {
                due_on, complaints, ..
            } => format!(
                "Verbeteractie geopend voor {} {} (uiterlijk {})",
                complaints.len(),
                if complaints.len() == 1 {
                    "klacht"
                } else {
                    "klachten"
                },
                format_date(*due_on)
            ),
            ImprovementEvent::StatusChanged { from, to } => {
                format!(
                    "Status gewijzigd van '{}' in '{}'",
                    from.label(),
                    to.label()
                )
            }
            ImprovementEvent::Closed { .. } => "Afgerond, met evaluatie van het effect".into(),
        }
    }
}

/// Checks the quality manager's input and opens the action on `today`.
pub fn open(
    new: NewImprovement,
    by: &User,
    today: Date,
) -> Result<ImprovementEvent, ImprovementError> {
    if !may_manage(by) {
        return Err(ImprovementError::NotAllowed(
            Code::ImprovementManageOnly.into(),
        ));
    }
    let title = text("titel", Code::SubjectImprovementTitle, &new.title, SHORT)?;
    let description = text(
        "omschrijving",
        Code::SubjectImprovementDescription,
        &new.description,
        LONG,
    )?;
    if new.owner.role == Role::Admin {
        return Err(invalid("eigenaar", Code::ImprovementOwnerAdmin));
    }
    if new.due_on < today {
        return Err(invalid(
            "streefdatum",
            Code::ImprovementDuePast.date("date", new.due_on),
        ));
    }
    let horizon = today.checked_add(5.years()).unwrap_or(Date::MAX);
    if new.due_on > horizon {
        return Err(invalid(
            "streefdatum",
            Code::ImprovementDueFar.date("date", new.due_on),
        ));
    }
    let mut complaints = Vec::with_capacity(new.complaints.len());
    for c in new.complaints {
        if !complaints.contains(&c) {
            complaints.push(c);
        }
    }
    if complaints.is_empty() {
        return Err(invalid("klachten", Code::ImprovementNoComplaints));
    }
    if complaints.len() > MAX_COMPLAINTS {
        return Err(invalid(
            "klachten",
            Code::ImprovementTooManyComplaints.text("max", MAX_COMPLAINTS),
        ));
    }
    Ok(ImprovementEvent::Opened {
        title,
        description,
        owner: new.owner.id,
        due_on: new.due_on,
        complaints,
        pattern: new.pattern.map(|p| p.to_string()),
    })
}

/// An improvement action as its events describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImprovementAction {
    pub id: uuid::Uuid,
    pub number: ImprovementNumber,
    pub title: String,
    pub description: String,
    pub owner: UserId,
    pub due_on: Date,
    pub status: ImprovementStatus,
    pub evaluation: Option<String>,
    pub complaints: Vec<ComplaintId>,
    pub pattern: Option<String>,
    pub created_by: UserId,
    pub created_at: Timestamp,
    pub closed_at: Option<Timestamp>,
    /// The number of events: the expected version of the next change.
    pub version: u64,
}

impl ImprovementAction {
    /// The state right after `opened`; `None` for any other event.
    pub fn opened(
        id: uuid::Uuid,
        number: ImprovementNumber,
        opened: &ImprovementEvent,
        by: UserId,
        at: Timestamp,
    ) -> Option<Self> {
        let ImprovementEvent::Opened {
            title,
            description,
            owner,
            due_on,
            complaints,
            pattern,
        } = opened
        else {
            return None;
        };
        Some(Self {
            id,
            number,
            title: title.clone(),
            description: description.clone(),
            owner: *owner,
            due_on: *due_on,
            status: ImprovementStatus::Open,
            evaluation: None,
            complaints: complaints.clone(),
            pattern: pattern.clone(),
            created_by: by,
            created_at: at,
            closed_at: None,
            version: 1,
        })
    }

    /// Who may see it: those who manage, and its owner.
    pub fn may_view(&self, user: &User) -> bool {
        may_manage(user) || self.owner == user.id
    }

    /// Who may change its status or close it: the same.
    pub fn may_update(&self, user: &User) -> bool {
        self.may_view(user)
    }

    fn check_update(&self, by: &User) -> Result<(), ImprovementError> {
        if !self.may_update(by) {
            return Err(ImprovementError::NotAllowed(
                Code::ImprovementUpdateOnly.text("number", self.number),
            ));
        }
        if self.status == ImprovementStatus::Done {
            return Err(ImprovementError::WrongState(
                Code::ImprovementDone.text("number", self.number),
            ));
        }
        Ok(())
    }

    /// Moves between open and in progress. Done goes through
    /// [`ImprovementAction::close`], which asks for the evaluation.
    pub fn change_status(
        &self,
        to: ImprovementStatus,
        by: &User,
    ) -> Result<ImprovementEvent, ImprovementError> {
        self.check_update(by)?;
        if to == ImprovementStatus::Done {
            return Err(invalid("status", Code::ImprovementCloseWithEvaluation));
        }
        if to == self.status {
            return Err(ImprovementError::WrongState(
                Code::ImprovementStatusAlready.text("status", to.as_str()),
            ));
        }
        Ok(ImprovementEvent::StatusChanged {
            from: self.status,
            to,
        })
    }

    /// Closes the action; the evaluation of its effect is required.
    pub fn close(&self, evaluation: &str, by: &User) -> Result<ImprovementEvent, ImprovementError> {
        self.check_update(by)?;
        let evaluation = text(
            "evaluatie",
            Code::SubjectImprovementEvaluation,
            evaluation,
            LONG,
        )?;
        Ok(ImprovementEvent::Closed { evaluation })
    }

    /// Folds the next event in. `Opened` is not applied (it starts the
    /// state); applying it again is refused with `false`.
    pub fn apply(&mut self, event: &ImprovementEvent, at: Timestamp) -> bool {
        match event {
            ImprovementEvent::Opened { .. } => return false,
            ImprovementEvent::StatusChanged { to, .. } => self.status = *to,
            ImprovementEvent::Closed { evaluation } => {
                self.status = ImprovementStatus::Done;
                self.evaluation = Some(evaluation.clone());
                self.closed_at = Some(at);
            }
        }
        self.version += 1;
        true
    }
}

#[cfg(test)]
mod tests;
