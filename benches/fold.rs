//! Folding benchmark: 10,000 complaints of about 150,000 events, from four devices, folded
//! from scratch as a rebuild of the derived views would. Run with `cargo bench --bench fold`.

#[path = "../tests/domain/common.rs"]
mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::TimeDelta;
use common::*;
use complaints::domain::*;

const COMPLAINTS: u32 = 10_000;
const EVENTS_PER_COMPLAINT: usize = 15;

/// Make every complaint's events: a major path (14 events) or a minor one (9), then notes up
/// to 15 events, stamped by one of four devices.
fn build() -> Vec<Event> {
    let settings = Settings::default();
    let mut clocks: Vec<DeviceClock> = (1..=4).map(|n| DeviceClock::new(device(n))).collect();
    let (major, minor) = (major_path(), minor_path());
    let mut all = Vec::with_capacity(COMPLAINTS as usize * EVENTS_PER_COMPLAINT);
    let mut counter: u64 = 0;
    let start = t("2026-01-05T09:00:00+08:00");
    for n in 1..=COMPLAINTS {
        let clock = &mut clocks[n as usize % 4];
        let mut now = start + TimeDelta::minutes(i64::from(n) * 30);
        let mut events: Vec<Event> = Vec::with_capacity(EVENTS_PER_COMPLAINT);
        let path = if n % 5 < 3 { &major } else { &minor };
        let mut commands: Vec<(Command, Actor)> = vec![(receive_cmd(n, now), staff())];
        commands.extend(path.iter().map(|(c, a, _)| (c.clone(), a.clone())));
        while commands.len() < EVENTS_PER_COMPLAINT {
            commands.push((
                Command::AddNote {
                    text: format!("进展 {}", commands.len()),
                    legal_counsel: false,
                },
                staff(),
            ));
        }
        for (cmd, actor) in commands {
            let c = fold_complaint(events.iter().collect());
            let news = apply(c.as_ref(), &cmd, &actor, now, &settings).expect("a valid path");
            let (heads, seen) = c.map(|c| (c.heads, Some(c.latest_hlc))).unwrap_or_default();
            let stamped = clock.stamp_all(news, heads, seen, || {
                counter += 1;
                let mut r = [0u8; 10];
                r[..8].copy_from_slice(&counter.to_be_bytes());
                r
            });
            events.extend(stamped);
            now += TimeDelta::minutes(7);
        }
        all.extend(events);
    }
    all
}

fn main() {
    let built = Instant::now();
    let events = build();
    println!(
        "built {} complaints, {} events in {:.2?}",
        COMPLAINTS,
        events.len(),
        built.elapsed()
    );
    let mut times: Vec<Duration> = Vec::new();
    for _ in 0..7 {
        let started = Instant::now();
        let complaints = black_box(fold_complaints(black_box(&events)));
        times.push(started.elapsed());
        assert_eq!(complaints.len(), COMPLAINTS as usize);
    }
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "fold {} events into {} complaints: median {:.2?}, best {:.2?}, worst {:.2?} ({:.0} events/s)",
        events.len(),
        COMPLAINTS,
        median,
        times[0],
        times[times.len() - 1],
        events.len() as f64 / median.as_secs_f64()
    );
}
