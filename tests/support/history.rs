//! Generated event histories for storage tests and the storage benchmark: `n` complaints of
//! about fifteen events each, recorded on three devices, deterministic for a given `n`.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};
use complaints::domain::*;
use uuid::Uuid;

pub const EVENTS_PER_COMPLAINT: usize = 15;

const NAMES: [&str; 8] = [
    "张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强",
];
const CATEGORIES: [&str; 5] = [
    "facilities",
    "service_attitude",
    "fees",
    "cleaning",
    "security_order",
];

pub fn device(n: u128) -> DeviceId {
    DeviceId(Uuid::from_u128(0xD0_0000 + n))
}

fn staff() -> Actor {
    Actor::new(PersonId(Uuid::from_u128(4)), "陈客服", Role::Staff)
}

fn start() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-02T09:00:00+08:00").unwrap()
}

/// Events for `n` complaints, spread over three devices, in the order they were made.
pub fn generate(n: usize) -> Vec<Event> {
    let mut clocks: Vec<DeviceClock> = (1..=3).map(|d| DeviceClock::new(device(d))).collect();
    let mut counter = 0u64;
    let mut random = move || {
        counter += 1;
        let mut r = [0u8; 10];
        r[..8].copy_from_slice(&counter.to_be_bytes());
        r
    };
    let mut out = Vec::with_capacity(n * EVENTS_PER_COMPLAINT);
    for i in 0..n {
        let clock = &mut clocks[i % 3];
        let at = start() + TimeDelta::minutes(i as i64);
        let record = RecordId(Uuid::from_u128(0xC0_0000_0000 + i as u128));
        let mut details = ComplaintDetails::new(
            Channel::WalkIn,
            format!("第{i}号投诉：电梯停运，住户无法上下楼"),
        );
        details.complainant.name = Some(NAMES[i % NAMES.len()].into());
        details.complainant.unit = Some(Unit {
            building: format!("{}栋", i % 12 + 1),
            entrance: format!("{}单元", i % 3 + 1),
            room: format!("{}{:02}", i % 30 + 1, i % 4 + 1),
        });
        details.request = "尽快修复并说明原因".into();
        details.category = Some(CATEGORIES[i % CATEGORIES.len()].into());
        let code = DeviceCode::parse(["A1", "B2", "C3"][i % 3]).unwrap();
        let number = ComplaintNumber::next(
            NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
            code,
            (i / 3) as u32,
        );
        let mut bodies = vec![
            EventBody::Received {
                number,
                received_at: at,
                details,
            },
            EventBody::Assessed {
                criteria: BTreeSet::new(),
                suggested: Severity::Important,
                severity: Severity::Important,
                override_reason: None,
                validity: Validity::Valid,
                category: CATEGORIES[i % CATEGORIES.len()].into(),
            },
            EventBody::Dispatched {
                department: "工程部".into(),
                note: "请今日内处理".into(),
            },
            EventBody::SignedFor {
                signer: "周经理".into(),
                signature: None,
            },
            EventBody::InvestigationStarted,
        ];
        while bodies.len() < EVENTS_PER_COMPLAINT {
            bodies.push(EventBody::NoteAdded {
                text: format!("第{}次跟进：已联系业主，维修人员在现场", bodies.len()),
                legal_counsel: false,
            });
        }
        let news = bodies
            .into_iter()
            .enumerate()
            .map(|(k, body)| NewEvent {
                record,
                actor: staff(),
                at: at + TimeDelta::minutes(k as i64),
                body,
            })
            .collect();
        out.extend(clock.stamp_all(news, Vec::new(), None, &mut random));
    }
    out
}

/// The devices' clocks after `generate`, rebuilt from its events.
pub fn clock_of(events: &[Event], d: DeviceId) -> DeviceClock {
    let mut clock = DeviceClock::new(d);
    clock.last_seq = events
        .iter()
        .filter(|e| e.device == d)
        .map(|e| e.seq)
        .max()
        .unwrap_or(0);
    clock.link = events
        .iter()
        .find(|e| e.device == d && e.seq == clock.last_seq)
        .map(complaints::format::seal::link)
        .or(clock.link);
    clock
}

/// [`generate`]'s events, each device's sealed in its order as the app seals what it records.
pub fn sealed(n: usize) -> Vec<Event> {
    let mut events = generate(n);
    let mut clocks: std::collections::BTreeMap<DeviceId, DeviceClock> = Default::default();
    let mut count = 0u64;
    for e in &mut events {
        let clock = clocks
            .entry(e.device)
            .or_insert_with(|| DeviceClock::new(e.device));
        complaints::format::seal::seal_all(clock, std::slice::from_mut(e), || {
            count += 1;
            format!("{count:032x}")
        });
    }
    events
}
