//! Identifiers: devices, events, records (complaints, roster entries, settings) and people.
//!
//! Ids are UUIDs; new ones are made from a time and random bytes the caller passes in, never
//! from the system clock or a random generator here.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A UUID v7 built from a Unix time in milliseconds and ten random bytes.
pub fn uuid_v7(unix_ms: u64, random: &[u8; 10]) -> Uuid {
    uuid::Builder::from_unix_timestamp_millis(unix_ms, random).into_uuid()
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new v7 id from a time and random bytes.
            pub fn new_v7(unix_ms: u64, random: &[u8; 10]) -> Self {
                $name(uuid_v7(unix_ms, random))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }
    };
}

id_type!(
    /// A device (tablet or office PC) that records events.
    DeviceId
);
id_type!(
    /// An event, UUID v7.
    EventId
);
id_type!(
    /// A record folded from events: a complaint, a roster entry or the shared settings.
    RecordId
);
id_type!(
    /// A person on the roster; actors are people (or the system).
    PersonId
);

id_type!(
    /// One unit of the organisation: a group, the office, a team, a department or a contact.
    UnitId
);

/// A complaint's id is the id of its record.
pub type ComplaintId = RecordId;

impl RecordId {
    /// The one record that holds the shared settings.
    pub const SETTINGS: RecordId = RecordId(Uuid::from_u128(0x5e77_1265));
    /// The one record that holds the ledger's sign-offs (daily checks, monthly reviews).
    pub const LEDGER: RecordId = RecordId(Uuid::from_u128(0x1ed9_e500));
    /// The one record of the week in the field: places, visit plans, visits, defects.
    pub const VISITS: RecordId = RecordId(Uuid::from_u128(0x7151_7500));
    /// The one record of the company's plan document and its revisions.
    pub const PLAN_DOCUMENT: RecordId = RecordId(Uuid::from_u128(0x91a2_d0c0));
}

impl PersonId {
    /// The system itself, for events no person made (automatic escalation).
    pub const SYSTEM: PersonId = PersonId(Uuid::nil());
}
