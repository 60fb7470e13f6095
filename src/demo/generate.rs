//! From stories to events: the roster first, then every complaint's commands played in time
//! order through the domain's `apply` on one device clock.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeDelta, TimeZone};

use super::cases::{Ago, Case};
use super::fixtures::Fixtures;
use super::script::{Ctx, Step, When, Who, cut, script};
use crate::domain::{
    Actor, Command, Complaint, ComplaintId, ComplaintNumber, DeviceClock, DeviceCode, DeviceId,
    Event, PersonId, Role, RosterCommand, Settings, apply, apply_roster, fold_complaint,
};

/// The roster as actors, by what they do in the plan.
pub struct People {
    leader: Actor,
    deputy: Actor,
    duty_lead: Actor,
    staff: Vec<Actor>,
    /// Department heads by department.
    heads: Vec<(String, Actor)>,
}

impl People {
    /// Who signs for a department's forms and reports back: its head, or the customer-service
    /// manager (the deputy) for departments without one on the roster.
    pub fn head(&self, department: &str) -> &Actor {
        self.heads
            .iter()
            .find(|(d, _)| *d == department)
            .map_or(&self.deputy, |(_, a)| a)
    }

    /// The staff member who takes complaints with this `staff` number.
    pub fn receiver(&self, staff: usize) -> &Actor {
        &self.staff[staff % self.staff.len()]
    }
}

/// `date` at `hour:minute` in the offset of `like`.
fn local(
    like: DateTime<FixedOffset>,
    date: NaiveDate,
    hour: u32,
    minute: u32,
) -> DateTime<FixedOffset> {
    let time = NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN);
    like.offset()
        .from_local_datetime(&date.and_time(time))
        .single()
        .unwrap_or(like)
}

/// The `day`th day after `start`'s date at `hour:minute`.
pub fn on_day(
    start: DateTime<FixedOffset>,
    day: u64,
    hour: u32,
    minute: u32,
) -> DateTime<FixedOffset> {
    let date = start
        .date_naive()
        .checked_add_days(chrono::Days::new(day))
        .unwrap_or(start.date_naive());
    local(start, date, hour, minute)
}

fn received_at(ago: Ago, now: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    match ago {
        Ago::Minutes(m) => now - TimeDelta::minutes(m),
        Ago::Days(d, hour, minute) => {
            let date = now
                .date_naive()
                .checked_sub_days(chrono::Days::new(d.unsigned_abs()))
                .unwrap_or(now.date_naive());
            local(now, date, hour, minute)
        }
    }
}

/// The time of every step: from its `When`, then squeezed proportionally when the last would
/// fall later than a minute before `now`.
fn schedule(
    steps: &[Step],
    received: DateTime<FixedOffset>,
    now: DateTime<FixedOffset>,
) -> Vec<DateTime<FixedOffset>> {
    let mut prev = received;
    let mut times: Vec<DateTime<FixedOffset>> = steps
        .iter()
        .map(|s| {
            prev = match s.when {
                When::After(m) => prev + TimeDelta::minutes(m),
                When::Day(d, hour, minute) => {
                    on_day(received, d, hour, minute).max(prev + TimeDelta::minutes(15))
                }
            };
            prev
        })
        .collect();
    let limit = now - TimeDelta::minutes(1);
    if let Some(&last) = times.last()
        && last > limit
    {
        let span = i128::from((last - received).num_milliseconds().max(1));
        let room = i128::from((limit - received).num_milliseconds().max(0));
        for t in &mut times {
            let offset = i128::from((*t - received).num_milliseconds()) * room / span;
            *t = received + TimeDelta::milliseconds(i64::try_from(offset).unwrap_or(0));
        }
    }
    times
}

/// Ten bytes per id from a counter, distinct for every call on one device and different
/// between devices.
struct Entropy {
    seed: u64,
    counter: u64,
}

impl Entropy {
    fn new(device: DeviceId) -> Self {
        let x = device.0.as_u128();
        Entropy {
            seed: mix(x as u64 ^ (x >> 64) as u64),
            counter: 0,
        }
    }

    fn bytes(&mut self) -> [u8; 10] {
        self.counter += 1;
        let mut r = [0u8; 10];
        r[..2].copy_from_slice(&((self.seed >> 48) as u16).to_be_bytes());
        r[2..].copy_from_slice(&(self.seed ^ self.counter).to_be_bytes());
        r
    }
}

fn unix_ms(at: DateTime<FixedOffset>) -> u64 {
    u64::try_from(at.timestamp_millis()).unwrap_or(0)
}

/// Add the roster, by the leader, at `at` (a minute apart).
fn roster(
    at: DateTime<FixedOffset>,
    fixtures: &Fixtures,
    settings: &Settings,
    clock: &mut DeviceClock,
    entropy: &mut Entropy,
    events: &mut Vec<Event>,
) -> People {
    let actors: Vec<Actor> = fixtures
        .roster
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let when = at + TimeDelta::minutes(i as i64);
            Actor::new(
                PersonId::new_v7(unix_ms(when), &entropy.bytes()),
                m.name.as_str(),
                m.role,
            )
        })
        .collect();
    let leader = actors[0].clone();
    for (i, (actor, m)) in actors.iter().zip(&fixtures.roster).enumerate() {
        let when = at + TimeDelta::minutes(i as i64);
        let command = RosterCommand::Add {
            id: actor.id,
            name: actor.name.clone(),
            role: actor.role,
            department: Some(m.department.clone()),
        };
        if let Ok(news) = apply_roster(None, &command, &leader, when, settings) {
            events.extend(clock.stamp_all(news, Vec::new(), None, || entropy.bytes()));
        }
    }
    let with = |role: Role| actors.iter().filter(move |a| a.role == role).cloned();
    People {
        leader: leader.clone(),
        deputy: with(Role::Deputy).next().unwrap_or_else(|| leader.clone()),
        duty_lead: with(Role::DutyLead)
            .next()
            .unwrap_or_else(|| leader.clone()),
        staff: with(Role::Staff).collect(),
        heads: fixtures
            .roster
            .iter()
            .zip(&actors)
            .filter(|(m, _)| m.role == Role::DepartmentHead)
            .map(|(m, a)| (m.department.clone(), a.clone()))
            .collect(),
    }
}

/// Record the roster, then play every case's commands in time order on one device.
pub fn generate(
    fixtures: &Fixtures,
    cases: &[Case],
    now: DateTime<FixedOffset>,
    device: DeviceId,
    code: DeviceCode,
) -> Vec<Event> {
    let settings = Settings::default();
    let mut clock = DeviceClock::new(device);
    let mut entropy = Entropy::new(device);
    let mut events: Vec<Event> = Vec::new();

    let received: Vec<DateTime<FixedOffset>> =
        cases.iter().map(|c| received_at(c.ago, now)).collect();
    let earliest = received.iter().min().copied().unwrap_or(now);
    let roster_day = earliest
        .date_naive()
        .checked_sub_days(chrono::Days::new(3))
        .unwrap_or(earliest.date_naive());
    let people = roster(
        local(now, roster_day, 9, 0),
        fixtures,
        &settings,
        &mut clock,
        &mut entropy,
        &mut events,
    );

    // Ids and numbers in the order the complaints came in.
    let mut order: Vec<usize> = (0..cases.len()).collect();
    crate::domain::order::sort_by_key(&mut order, |&i| (received[i], i));
    let mut numbered: Vec<(usize, ComplaintId, ComplaintNumber)> = order
        .iter()
        .enumerate()
        .map(|(seq, &i)| {
            let id = ComplaintId::new_v7(unix_ms(received[i]), &entropy.bytes());
            let number = ComplaintNumber::next(
                received[i].date_naive(),
                code.clone(),
                u32::try_from(seq).unwrap_or(u32::MAX),
            );
            (i, id, number)
        })
        .collect();
    crate::domain::order::sort_by_key(&mut numbered, |(i, _, _)| *i);

    // Each complaint's commands with their times and actors.
    let plans: Vec<Vec<(DateTime<FixedOffset>, Actor, Command)>> = cases
        .iter()
        .zip(&numbered)
        .map(|(c, (i, id, number))| {
            let (topic, text) = fixtures.texts(c);
            let ctx = Ctx {
                id: *id,
                number: number.clone(),
                received: received[*i],
                related: c.repeat_of.map(|r| numbered[r].1).into_iter().collect(),
                people: &people,
                fixtures,
                topic,
                text,
            };
            let steps = cut(script(c, &ctx), c.stop);
            let times = schedule(&steps, ctx.received, now);
            let receiver = people.receiver(c.staff);
            steps
                .into_iter()
                .zip(times)
                .map(|(s, at)| {
                    let actor = match s.who {
                        Who::Receiver => receiver,
                        Who::Head => people.head(&topic.department),
                        Who::Deputy => &people.deputy,
                        Who::Lead if settings.is_off_hours(at) => &people.duty_lead,
                        Who::Lead if c.jitter % 3 == 1 => &people.deputy,
                        Who::Lead => &people.leader,
                    };
                    (at, actor.clone(), s.command)
                })
                .collect()
        })
        .collect();

    // Play them in time order, as the device would have recorded them.
    let mut queue: Vec<(DateTime<FixedOffset>, usize, usize)> = plans
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.iter().enumerate().map(move |(k, (at, _, _))| (*at, i, k)))
        .collect();
    crate::domain::order::sort(&mut queue);
    let mut own: Vec<Vec<usize>> = vec![Vec::new(); cases.len()];
    let mut state: Vec<Option<Complaint>> = vec![None; cases.len()];
    let mut stopped = vec![false; cases.len()];
    events.reserve(queue.len());
    for (_, i, k) in queue {
        if stopped[i] {
            continue;
        }
        let (at, actor, command) = &plans[i][k];
        let current = state[i].as_ref();
        let Ok(news) = apply(current, command, actor, *at, &settings) else {
            // A story that no longer fits (it cannot happen with the demo's cases) ends here.
            stopped[i] = true;
            continue;
        };
        let heads = current.map(|c| c.heads.clone()).unwrap_or_default();
        let seen = current.map(|c| c.latest_hlc);
        for e in clock.stamp_all(news, heads, seen, || entropy.bytes()) {
            own[i].push(events.len());
            events.push(e);
        }
        state[i] = fold_complaint(own[i].iter().map(|&e| &events[e]).collect());
    }
    visits(
        now,
        &people,
        &settings,
        &mut clock,
        &mut entropy,
        &mut events,
    );
    organisation(
        now,
        &people,
        &settings,
        &mut clock,
        &mut entropy,
        &mut events,
    );
    // The device's chain, as the app seals what it records.
    let mut sealer = DeviceClock::new(device);
    crate::format::seal::seal_all(&mut sealer, &mut events, || {
        entropy.bytes()[..8]
            .iter()
            .chain(&entropy.bytes()[..8])
            .map(|b| format!("{b:02x}"))
            .collect()
    });
    events
}

/// A well-mixed 64-bit number from a counter (SplitMix64's finaliser).
pub fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The demo's project (site): its unit list, visit plans and the complaints about its units.
pub const DEMO_PROJECT: &str = "湖畔花园";

/// The week in the field: a project of three buildings with its households, weekly visit
/// plans for two staff members from last week on, and the visits they recorded up to `now`
/// (some missed, so the dashboard has something to say), with a defect on the way.
fn visits(
    now: DateTime<FixedOffset>,
    people: &People,
    settings: &Settings,
    clock: &mut DeviceClock,
    entropy: &mut Entropy,
    events: &mut Vec<Event>,
) {
    use crate::domain::visits::{
        Defect, Household, Outcome, Project, Visit, VisitCommand, VisitPlan, apply_visit,
        fold_visits, monday_of,
    };
    use crate::domain::{Phone, Satisfaction, Unit};
    const OWNERS: [&str; 9] = [
        "王建国",
        "李秀英",
        "张伟",
        "刘洋",
        "陈静",
        "杨帆",
        "赵磊",
        "黄敏",
        "周杰",
    ];
    let mut households = Vec::new();
    for b in 1..=3 {
        for e in 1..=2 {
            for r in [101, 201, 301] {
                let n = households.len();
                households.push(Household {
                    unit: Unit {
                        building: format!("{b}栋"),
                        entrance: format!("{e}单元"),
                        room: r.to_string(),
                    },
                    owner: OWNERS[n % OWNERS.len()].to_string(),
                    phone: Phone::parse(&format!("1390000{:04}", 1000 + n)).ok(),
                });
            }
        }
    }
    let this_week = monday_of(now.date_naive());
    let last_week = this_week - chrono::Duration::days(7);
    let mut own: Vec<Event> = Vec::new();
    let mut run =
        |own: &mut Vec<Event>, command: VisitCommand, by: &Actor, at: DateTime<FixedOffset>| {
            let v = fold_visits(own);
            let news = apply_visit(&v, settings, &command, by, at).ok()?;
            let stamped = clock.stamp_all(news, v.heads, v.latest_hlc, || entropy.bytes());
            let id = stamped.first().map(|e| e.id);
            own.extend(stamped);
            id
        };
    let before = local(now, last_week - chrono::Duration::days(3), 10, 0);
    run(
        &mut own,
        VisitCommand::SetProject(Project {
            id: DEMO_PROJECT.into(),
            name: DEMO_PROJECT.into(),
            households: households.clone(),
        }),
        &people.leader,
        before,
    );
    // Staff 1 visits building 1 on Mondays and building 2 on Wednesdays; staff 2 visits
    // building 3's first entrance on Tuesdays.
    let plan = |who: &Actor, building: &str, weekday: i64, units: Vec<Unit>| VisitPlan {
        staff: who.id,
        staff_name: who.name.clone(),
        project: DEMO_PROJECT.into(),
        building: building.into(),
        units,
        day: last_week + chrono::Duration::days(weekday),
        weekly: true,
    };
    let (a, b) = (people.receiver(0).clone(), people.receiver(1).clone());
    let entrance_one: Vec<Unit> = households
        .iter()
        .filter(|h| h.unit.building == "3栋" && h.unit.entrance == "1单元")
        .map(|h| h.unit.clone())
        .collect();
    for (k, p) in [
        plan(&a, "1栋", 0, Vec::new()),
        plan(&a, "2栋", 2, Vec::new()),
        plan(&b, "3栋", 1, entrance_one),
    ]
    .into_iter()
    .enumerate()
    {
        run(
            &mut own,
            VisitCommand::Plan(p),
            &people.leader,
            before + chrono::Duration::minutes(k as i64 + 1),
        );
    }
    // Every stop up to yesterday, and this morning's before `now`, with a mix of outcomes;
    // every fifth household of this week is left unvisited (missed).
    let v = fold_visits(&own);
    let topics = ["facilities", "cleaning", "security_order", "fees"];
    let mut n = 0usize;
    for week in [last_week, this_week] {
        for s in v.stops(week, None) {
            let at = local(now, s.day, 9, 30) + chrono::Duration::minutes(12 * n as i64 % 240);
            n += 1;
            if at > now || (week == this_week && n.is_multiple_of(5)) {
                continue;
            }
            let outcome = match n % 7 {
                0 | 4 => Outcome::NotHome,
                3 => Outcome::Finding,
                _ => Outcome::NoIssue,
            };
            let who = if s.staff == a.id { &a } else { &b };
            let visit = Visit {
                plan: Some(s.plan),
                day: s.day,
                project: s.project.to_string(),
                unit: s.unit.clone(),
                outcome,
                satisfaction: outcome.met().then_some(if n.is_multiple_of(4) {
                    Satisfaction::BasicallySatisfied
                } else {
                    Satisfaction::Satisfied
                }),
                topics: (outcome == Outcome::Finding)
                    .then(|| topics[n % topics.len()].to_string())
                    .into_iter()
                    .collect(),
                note: match outcome {
                    Outcome::Finding => "业主反映楼道灯不亮，希望尽快维修。".into(),
                    _ => String::new(),
                },
                photos: Vec::new(),
            };
            run(&mut own, VisitCommand::Record(visit), who, at);
        }
    }
    run(
        &mut own,
        VisitCommand::Defect(Defect {
            project: DEMO_PROJECT.into(),
            building: "2栋".into(),
            place: "地下车库入口".into(),
            note: "车库卷帘门关闭缓慢，有异响。".into(),
            photos: Vec::new(),
        }),
        &a,
        local(now, last_week + chrono::Duration::days(2), 11, 0),
    );
    crate::domain::order::sort_by_key(&mut own, |e| e.hlc);
    events.extend(own);
}

/// The organisation, its call list and the next two weeks of the duty rota, set by the leader
/// on the roster's day; and the plan document's first revision, from the starting outline.
fn organisation(
    now: DateTime<FixedOffset>,
    people: &People,
    settings: &Settings,
    clock: &mut DeviceClock,
    entropy: &mut Entropy,
    events: &mut Vec<Event>,
) {
    use crate::domain::ids::UnitId;
    use crate::domain::organisation::{Member, Shift, UnitKind, starting_organisation};
    use crate::domain::plan_doc::{
        Drill, Revision, Training, Upkeep, apply_revision, apply_upkeep, fold_plan,
        starting_outline,
    };
    use crate::domain::settings::{SettingChange, apply_setting};
    let at = events
        .iter()
        .map(|e| e.at)
        .min()
        .unwrap_or(now)
        .checked_add_signed(TimeDelta::minutes(30))
        .unwrap_or(now);
    let lead = &people.leader;
    let member = |a: &Actor, role: &str, phone: &str| Member {
        name: a.name.clone(),
        role: role.into(),
        phone: phone.into(),
    };
    let mut changes: Vec<SettingChange> = Vec::new();
    for mut unit in starting_organisation(crate::domain::Lang::Zh) {
        match unit.kind {
            UnitKind::LeadershipGroup => {
                unit.members = vec![
                    member(&people.leader, "组长", "13800000001"),
                    member(&people.deputy, "副组长", "13800000002"),
                ];
            }
            UnitKind::Office => {
                unit.phone = "0755-86000000".into();
                unit.members = vec![member(&people.duty_lead, "值班负责人", "13800000003")];
            }
            UnitKind::Department => {
                let phone = format!("138000000{}", 10 + changes.len());
                unit.members = vec![member(people.head(&unit.name), "部门负责人", &phone)];
            }
            UnitKind::Contact if unit.name == "法律顾问" => {
                unit.phone = "0755-83000000".into();
                unit.members = vec![Member {
                    name: "林律师".into(),
                    role: "常年法律顾问".into(),
                    phone: "13900000001".into(),
                }];
            }
            _ => {}
        }
        changes.push(SettingChange::Unit {
            id: UnitId::new_v7(unix_ms(at), &entropy.bytes()),
            unit,
        });
    }
    // Nights alternate between the duty lead and the deputy; weekend days are the duty lead's.
    let today = now.date_naive();
    for n in 1..=14u64 {
        let Some(day) = today.checked_add_days(chrono::Days::new(n)) else {
            continue;
        };
        let night = if n % 2 == 0 {
            &people.deputy
        } else {
            &people.duty_lead
        };
        changes.push(SettingChange::Duty {
            day,
            shift: Shift::Night,
            person: Some(night.id),
        });
        if !settings.calendar.is_working_day(day) {
            changes.push(SettingChange::Duty {
                day,
                shift: Shift::Day,
                person: Some(people.duty_lead.id),
            });
        }
    }
    changes.push(SettingChange::DrillEveryMonths(6));
    changes.push(SettingChange::TrainingEveryMonths(12));
    let mut own: Vec<Event> = Vec::new();
    for change in changes {
        let mut shared = settings.clone();
        for e in &own {
            if let crate::domain::EventBody::SettingChanged { change } = &e.body {
                change.write(&mut shared);
            }
        }
        let heads: Vec<crate::domain::ids::EventId> =
            own.last().map(|e| e.id).into_iter().collect();
        let seen = own.last().map(|e| e.hlc);
        if let Ok(news) = apply_setting(&shared, &change, lead, at) {
            own.extend(clock.stamp_all(news, heads, seen, || entropy.bytes()));
        }
    }
    let revision = Revision {
        number: 1,
        reason: "首次发布".into(),
        approved_by: lead.name.clone(),
        in_force_from: at.date_naive(),
        sections: starting_outline(settings, crate::domain::Lang::Zh),
    };
    let mut plan_events: Vec<Event> = Vec::new();
    if let Ok(news) = apply_revision(&revision, settings, lead, at) {
        plan_events.extend(clock.stamp_all(news, Vec::new(), None, || entropy.bytes()));
    }
    // The drill the demo's drill complaints were taken in during, and a training session.
    let drills: Vec<(DateTime<FixedOffset>, crate::domain::RecordId)> = events
        .iter()
        .filter_map(|e| match &e.body {
            crate::domain::EventBody::Received { details, .. } if details.drill => {
                Some((e.at, e.record))
            }
            _ => None,
        })
        .collect();
    let upkeep = [
        drills.iter().map(|(at, _)| *at).min().map(|drill_at| {
            // Logged two hours after the drill's first complaint came in.
            let logged = (drill_at + TimeDelta::hours(2)).min(now);
            (
                logged,
                Upkeep::Drill(Drill {
                    day: drill_at.date_naive(),
                    scenario: "业主聚集投诉地下车库渗水，演练接报、启动预案和现场疏导。".into(),
                    participants: format!(
                        "{}、{}、客服部、保安部、工程部",
                        lead.name, people.duty_lead.name
                    ),
                    findings: "夜间联系工程部负责人用时超过十分钟。".into(),
                    actions: "呼叫顺序中补充工程部值班电话，每季度核对一次。".into(),
                    complaints: drills.iter().map(|(_, id)| *id).collect(),
                }),
            )
        }),
        Some((
            at,
            Upkeep::Training(Training {
                day: at.date_naive(),
                topic: "投诉处理流程与典型案例分析".into(),
                trainer: people.deputy.name.clone(),
                attendees: "客服部全体人员".into(),
                external: false,
            }),
        )),
    ];
    for (logged, u) in upkeep.into_iter().flatten() {
        let doc = fold_plan(&plan_events);
        if let Ok(news) = apply_upkeep(&u, lead, logged, settings) {
            plan_events
                .extend(clock.stamp_all(news, doc.heads, doc.latest_hlc, || entropy.bytes()));
        }
    }
    own.extend(plan_events);
    events.extend(own);
}
