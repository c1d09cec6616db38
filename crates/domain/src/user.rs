//! Staff accounts and their roles (DESIGN §1).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Email, ParseError, UserId};

/// What a staff member may do, per DESIGN §1. A complainant has no
/// account and therefore no role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// medewerker
    Employee,
    /// leidinggevende
    Manager,
    /// kwaliteitsmanager
    QualityManager,
    /// directeur
    Director,
    /// beheerder
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Employee,
        Role::Manager,
        Role::QualityManager,
        Role::Director,
        Role::Admin,
    ];

    /// The identifier used on the command line, in the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Employee => "employee",
            Role::Manager => "manager",
            Role::QualityManager => "quality-manager",
            Role::Director => "director",
            Role::Admin => "admin",
        }
    }

    /// The Dutch name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Role::Employee => "medewerker",
            Role::Manager => "leidinggevende",
            Role::QualityManager => "kwaliteitsmanager",
            Role::Director => "directeur",
            Role::Admin => "beheerder",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_lowercase().replace('_', "-");
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == wanted || r.label() == wanted)
            .ok_or_else(|| {
                ParseError::new(crate::refusal::Code::UnknownRole.text("input", s.trim()))
            })
    }
}

impl crate::Labelled for Role {
    const KIND: &'static str = "Role";

    fn id(self) -> &'static str {
        self.as_str()
    }

    fn dutch(self) -> &'static str {
        self.label()
    }
}

/// A staff account as the domain sees it: who, in which role, and under
/// which direct manager (every employee has one, DESIGN §1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    pub email: Email,
    pub name: String,
    pub role: Role,
    /// The direct manager (leidinggevende). A manager's team is everyone
    /// whose direct manager they are.
    pub manager: Option<UserId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_from_their_identifiers_and_dutch_names() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
            assert_eq!(role.label().parse::<Role>(), Ok(role));
        }
        assert_eq!("Quality_Manager".parse::<Role>(), Ok(Role::QualityManager));
        let err = "boss".parse::<Role>().expect_err("unknown role");
        assert_eq!(
            err.refusal(),
            &crate::refusal::Code::UnknownRole.text("input", "boss")
        );
    }
}
