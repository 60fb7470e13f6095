//! A complaint's script: every command of its story, in order, with who gives it and when.
//! The wording of what people write along the way (dispatch notes, minutes, plans, summaries)
//! is part of the script; the texts of each subject come from `demo.json`.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, TimeDelta};

use super::cases::{Case, Stop};
use super::fixtures::{Fixtures, Text, Topic};
use super::generate::{People, on_day};
use crate::domain::complaint::Assignment;
use crate::domain::{
    Actor, Channel, Command, Complainant, ComplaintDetails, ComplaintId, ComplaintNumber, Evidence,
    EvidenceKind, FollowUp, Minutes, OutcomeClass, Phone, Reply, Satisfaction, Severity, Summary,
    Task, Unit, Validity, WorkflowState,
};

/// Who gives a command.
#[derive(Clone, Copy)]
pub enum Who {
    /// The staff member who received the complaint.
    Receiver,
    /// The head of the responsible department.
    Head,
    /// The deputy leader, who runs the emergency office.
    Deputy,
    /// The leader; the deputy for some complaints; the duty lead outside working hours.
    Lead,
}

/// When a command is given: some minutes after the one before, or on the `n`th day after
/// receipt at a local time (but never sooner than a quarter of an hour after the one before).
#[derive(Clone, Copy)]
pub enum When {
    After(i64),
    Day(u64, u32, u32),
}

pub struct Step {
    pub when: When,
    pub who: Who,
    pub command: Command,
}

fn step(when: When, who: Who, command: Command) -> Step {
    Step { when, who, command }
}

/// What the script of one complaint needs to know besides the case.
pub struct Ctx<'a> {
    pub id: ComplaintId,
    pub number: ComplaintNumber,
    pub received: DateTime<FixedOffset>,
    pub related: BTreeSet<ComplaintId>,
    pub people: &'a People,
    pub fixtures: &'a Fixtures,
    /// What it is about.
    pub topic: &'a Topic,
    /// What the complainant says.
    pub text: &'a Text,
}

fn fill(template: &str, unit: Option<&Unit>) -> String {
    let (b, u, r) = unit.map_or(("", "", ""), |u| {
        (u.building.as_str(), u.entrance.as_str(), u.room.as_str())
    });
    template
        .replace("{b}", b)
        .replace("{u}", u)
        .replace("{r}", r)
}

/// The record as the receiver writes it down.
fn details(c: &Case, ctx: &Ctx) -> ComplaintDetails {
    let t = ctx.topic;
    let phone = c.phone.as_deref().and_then(|p| Phone::parse(p).ok());
    let mut d = ComplaintDetails::new(c.channel, fill(&ctx.text.description, c.unit.as_ref()));
    d.request = ctx.text.request.clone();
    d.location = fill(&ctx.text.location, c.unit.as_ref());
    // The demo is one estate, the project of the demo's unit list.
    d.project = c
        .unit
        .is_some()
        .then(|| super::generate::DEMO_PROJECT.to_string());
    if c.channel == Channel::Hotline {
        d.caller_number = phone.clone();
        d.recording_ref = Some(format!(
            "LY{}-{:03}",
            ctx.received.format("%Y%m%d"),
            ctx.number.seq % 1000
        ));
    }
    let anonymous = c.name.is_none() && c.phone.is_none() && c.unit.is_none();
    d.complainant = Complainant {
        anonymous,
        name: c.name.clone(),
        phone,
        unit: c.unit.clone(),
        address: c.address.clone(),
        preferred_contact: (!anonymous).then(|| {
            let contacts = &ctx.fixtures.preferred_contacts;
            contacts[c.jitter as usize % contacts.len()].clone()
        }),
        count: c.count,
        public_interest_group: false,
    };
    let before = match c.channel {
        Channel::Email | Channel::Letter | Channel::Online | Channel::GovernmentHotline => {
            TimeDelta::hours(20 + c.jitter * 3)
        }
        _ => TimeDelta::minutes(15 + c.jitter * 9),
    };
    d.occurred_at = Some(ctx.received - before);
    d.complained_department = Some(t.department.clone());
    d.complained_person = t.complained_person.clone();
    d.category = Some(t.category.clone());
    d.related = ctx.related.clone();
    d.drill = c.drill;
    // The 12345 hotline refers with its own reference and deadline: three days.
    if c.channel == Channel::GovernmentHotline {
        d.referral = Some(crate::domain::complaint::Referral {
            body: "12345 政务服务便民热线".into(),
            reference: format!("GD-{}", ctx.number),
            due: ctx.received + TimeDelta::days(3),
            contact: "热线派单员".into(),
        });
    }
    d
}

fn satisfied(c: &Case) -> Satisfaction {
    if c.jitter % 3 == 0 {
        Satisfaction::BasicallySatisfied
    } else {
        Satisfaction::Satisfied
    }
}

fn follow_up(satisfaction: Satisfaction, title: &str) -> Command {
    let (comments, reopen_to) = match satisfaction {
        Satisfaction::Satisfied => ("业主对处理结果表示满意，感谢物业及时处理。".into(), None),
        Satisfaction::BasicallySatisfied => (
            "业主基本满意，希望今后加强日常巡查，避免类似问题再次发生。".into(),
            None,
        ),
        Satisfaction::Dissatisfied => (
            format!("业主反映{title}问题未彻底解决，对处理结果不满意，要求重新整改。"),
            Some(WorkflowState::Implementing),
        ),
    };
    Command::FollowUp(FollowUp {
        satisfaction,
        comments,
        reopen_to,
        signature: None,
    })
}

fn minutes(t: &Topic, people: &People, staff: &Actor) -> Command {
    let head = people.head(&t.department);
    Command::RecordMinutes(Minutes {
        content: format!(
            "召开{}投诉应急处理会议，通报投诉经过和业主诉求，分析原因，研究安抚和处理措施。",
            t.title
        ),
        decisions: format!(
            "启动重大投诉应急预案；{}牵头调查核实并提出整改方案；客服部负责与业主沟通安抚；当天向总经理报告。",
            t.department
        ),
        assignments: vec![
            Assignment {
                who: head.name.clone(),
                what: "现场核实，提出整改方案".into(),
            },
            Assignment {
                who: staff.name.clone(),
                what: "联系业主安抚，记录诉求".into(),
            },
        ],
        status: "执行中".into(),
    })
}

fn summary(t: &Topic, revised: bool) -> Summary {
    Summary {
        causes: if revised {
            format!("{}（已补充相关检查记录和整改前后照片）", t.cause)
        } else {
            t.cause.clone()
        },
        lessons: "接报后响应及时，但前期问题未闭环跟踪导致投诉升级；与业主沟通应更主动、更及时。"
            .into(),
        corrective_actions: t.task.clone(),
        preventive_actions: t.prevent.clone(),
        plan_revisions: format!("在应急预案附件中补充{}类投诉的处置要点和联系人。", t.title),
        training_needs: format!(
            "组织客服部和{}学习投诉处理流程、首问负责制和沟通技巧。",
            t.department
        ),
    }
}

/// Every command of a complaint's story, in order, with who gives it and when.
pub fn script(c: &Case, ctx: &Ctx) -> Vec<Step> {
    use When::{After, Day};
    use Who::{Deputy, Head, Lead, Receiver};
    let t = ctx.topic;
    let notes = &ctx.fixtures.notes;
    let j = c.jitter;
    let receiver = ctx.people.receiver(c.staff);
    let mut s = vec![step(
        After(j % 3),
        Receiver,
        Command::Receive {
            id: ctx.id,
            number: ctx.number.clone(),
            received_at: ctx.received,
            details: details(c, ctx),
        },
    )];
    let Some(severity) = c.severity else {
        return s;
    };
    s.push(step(
        After(2 + j % 3),
        Receiver,
        Command::Assess {
            criteria: c.criteria.iter().copied().collect(),
            severity,
            override_reason: c.override_reason.clone(),
            validity: match &c.invalid {
                Some(reason) => Validity::Invalid {
                    reason: reason.clone(),
                },
                None => Validity::Valid,
            },
            category: t.category.clone(),
        },
    ));
    if c.invalid.is_some() {
        if c.channel == Channel::GovernmentHotline {
            s.push(step(
                After(15),
                Receiver,
                Command::ReplyToReferrer {
                    text: "经核实不属于物业管理范围，已告知业主相关部门联系方式，请热线办结。"
                        .into(),
                },
            ));
        }
        s.push(step(
            After(25),
            Receiver,
            Command::Close {
                notice: "不属于物业管理范围，已告知业主相关部门联系方式，结案。".into(),
                no_new_complaints: true,
            },
        ));
        return s;
    }
    let major = severity == Severity::Major;
    let emergency = c.route.emergency || c.route.escalate;
    s.push(step(
        After(3 + j % 5),
        Receiver,
        Command::Dispatch {
            department: t.department.clone(),
            note: if major {
                "重大投诉，请立即安排人员到场处理，同时呈报总经理。".into()
            } else {
                "请今日内核实处理，完成后当日回单。".into()
            },
        },
    ));
    if severity != Severity::Minor {
        s.push(step(
            After(2),
            Receiver,
            Command::ReportToCommand {
                note: "已电话报告应急指挥部。".into(),
            },
        ));
    }
    s.push(step(
        After(12 + (j * 2) % 15),
        Head,
        Command::SignFor {
            signer: ctx.people.head(&t.department).name.clone(),
            signature: None,
        },
    ));
    s.push(step(
        After(8),
        Receiver,
        Command::ForwardToManager {
            note: "签收后的处理表已转项目经理。".into(),
        },
    ));
    let report = || {
        step(
            After(20),
            Deputy,
            Command::ReportToGeneralManager {
                note: "重大投诉，已当日呈报总经理。".into(),
            },
        )
    };
    let activate = |s: &mut Vec<Step>| {
        s.push(step(
            After(25),
            Lead,
            Command::Activate {
                note: "决定启动重大投诉应急预案，立即召开应急会议，安排专人安抚业主并确保其安全。"
                    .into(),
            },
        ));
        s.push(step(After(35), Deputy, minutes(t, ctx.people, receiver)));
    };
    if major {
        s.push(report());
    }
    if c.route.deescalate {
        s.push(step(
            After(60),
            Lead,
            Command::Deescalate {
                to: Severity::Important,
                reason: "现场核实仅为个别瓷砖松动脱落，已设置围挡，无人员伤害和财产损失，降为重要投诉处理。"
                    .into(),
            },
        ));
    }
    if c.route.emergency && !c.route.escalate {
        activate(&mut s);
    }
    s.push(step(After(30), Receiver, Command::StartInvestigation));
    s.push(step(
        After(50),
        Receiver,
        Command::AddEvidence(Evidence {
            kind: EvidenceKind::Note,
            blob_sha256: None,
            caption: t.finding.clone(),
        }),
    ));
    for k in 0..c.route.notes {
        s.push(step(
            After(if k == 0 { 60 } else { 25 }),
            Receiver,
            Command::AddNote {
                text: notes[(j as usize + k) % notes.len()].clone(),
                legal_counsel: false,
            },
        ));
    }
    if c.route.pause {
        s.push(step(
            After(40),
            Receiver,
            Command::PauseClocks {
                reason: "业主外出，约定返回后入户核实，等待业主期间暂停计时。".into(),
            },
        ));
        s.push(step(Day(2, 10, 0), Receiver, Command::ResumeClocks));
    }
    if c.route.escalate {
        s.push(step(
            Day(1, 9, 20),
            Receiver,
            Command::Escalate {
                to: Severity::Major,
                reason: "多名业主在业主群转发此事，已有媒体记者来电询问，按预案升级为重大投诉。"
                    .into(),
            },
        ));
        s.push(report());
        activate(&mut s);
        s.push(step(After(30), Receiver, Command::StartInvestigation));
    }
    let mut shift = 0;
    let tasks_due = |day| Some(on_day(ctx.received, day, 18, 0));
    if emergency {
        if c.route.unclear {
            s.push(step(
                Day(1, 9, 30),
                Deputy,
                Command::DraftPlan {
                    outcome: OutcomeClass::FactsUnclear,
                    content: "原因尚未查清，需委托第三方检测后再拟定处理方案。".into(),
                    compensation_fen: None,
                },
            ));
            s.push(step(
                After(180),
                Receiver,
                Command::AddEvidence(Evidence {
                    kind: EvidenceKind::Note,
                    blob_sha256: None,
                    caption: "第三方检测报告已取得，原因已查明，详见检测报告。".into(),
                }),
            ));
            shift = 1;
        }
        let plan = |revised: bool| Command::DraftPlan {
            outcome: OutcomeClass::Rectify,
            content: if revised {
                format!("{}（已明确各项措施的责任人和完成时限）", t.plan)
            } else {
                t.plan.clone()
            },
            compensation_fen: t.compensation_fen,
        };
        s.push(step(Day(1 + shift, 10, 0), Deputy, plan(false)));
        if c.route.reject {
            s.push(step(
                After(90),
                Lead,
                Command::RejectPlan {
                    reason: "方案未明确责任人和完成时限，请补充后重新报批。".into(),
                },
            ));
            s.push(step(After(120), Deputy, plan(true)));
        }
        s.push(step(
            After(60),
            Lead,
            Command::ApprovePlan {
                comment: "同意，按方案执行，注意与业主保持沟通。".into(),
            },
        ));
        s.push(step(
            After(30),
            Receiver,
            Command::StartImplementation {
                tasks: vec![
                    Task {
                        department: t.department.clone(),
                        description: t.task.clone(),
                        due: tasks_due(3 + shift),
                    },
                    Task {
                        department: "客服部".into(),
                        description: "跟进整改进度，每日向业主通报".into(),
                        due: tasks_due(3 + shift),
                    },
                ],
            },
        ));
        s.push(step(
            After(150),
            Deputy,
            Command::ReportProgress {
                content: format!(
                    "向应急领导小组报告：{}正在落实整改（{}），已完成约六成，业主情绪稳定，预计按期完成。",
                    t.department, t.task
                ),
            },
        ));
    } else {
        s.push(step(
            Day(1, 9, 30),
            Receiver,
            Command::StartImplementation {
                tasks: vec![Task {
                    department: t.department.clone(),
                    description: t.task.clone(),
                    due: tasks_due(3),
                }],
            },
        ));
    }
    // The department reports back the day after the plan (emergency) or the second day; in an
    // emergency, customer service then reports back on its own task.
    let back = if emergency { 1 + shift } else { 2 };
    s.push(step(
        Day(back, 17, 0),
        Head,
        Command::ReportBack {
            department: t.department.clone(),
            summary: t.done.clone(),
            finished_at: None,
        },
    ));
    if emergency {
        s.push(step(After(1), Receiver, service_report()));
    }
    let reply = |second: bool| {
        Command::Reply(Reply {
            result: if second {
                format!("二次整改已完成并经现场复查：{}", t.reply)
            } else {
                t.reply.clone()
            },
            reasons: t.reasons.clone(),
            basis: t.basis.clone(),
        })
    };
    s.push(step(After(60 + (j * 7) % 90), Receiver, reply(false)));
    if c.channel == Channel::GovernmentHotline {
        s.push(step(
            After(20),
            Receiver,
            Command::ReplyToReferrer {
                text: format!("已按时处理并答复业主：{}", t.reply),
            },
        ));
    }
    if c.route.reopen {
        s.push(step(
            Day(4 + shift, 10, 0),
            Receiver,
            follow_up(Satisfaction::Dissatisfied, &t.title),
        ));
        s.push(step(
            After(120),
            Deputy,
            Command::RecordMinutes(Minutes {
                content: format!(
                    "回访业主不满意，召开专题会议分析{}问题未彻底解决的原因。",
                    t.title
                ),
                decisions: "重新整改，由责任部门负责人现场督办，完成后再次回访。".into(),
                assignments: vec![Assignment {
                    who: ctx.people.head(&t.department).name.clone(),
                    what: "重新整改并现场督办".into(),
                }],
                status: "执行中".into(),
            }),
        ));
        s.push(step(
            Day(6 + shift, 16, 0),
            Head,
            Command::ReportBack {
                department: t.department.clone(),
                summary: "已按回访意见完成二次整改，现场复查合格。".into(),
                finished_at: None,
            },
        ));
        if emergency {
            s.push(step(After(1), Receiver, service_report()));
        }
        s.push(step(After(60), Receiver, reply(true)));
        shift += 4;
    }
    s.push(step(
        Day(4 + shift, 10, 0),
        Receiver,
        follow_up(
            if c.route.reopen {
                Satisfaction::Satisfied
            } else {
                satisfied(c)
            },
            &t.title,
        ),
    ));
    if emergency {
        s.push(step(
            Day(5 + shift, 10, 0),
            Deputy,
            Command::Summarize(summary(t, false)),
        ));
        if c.route.review_rejected {
            s.push(step(
                After(180),
                Lead,
                Command::ReviewSummary {
                    approved: false,
                    comment: "请补充相关检查记录和整改前后照片后重新提交。".into(),
                },
            ));
            shift += 1;
            s.push(step(
                Day(5 + shift, 10, 0),
                Deputy,
                Command::Summarize(summary(t, true)),
            ));
        }
        s.push(step(
            After(180),
            Lead,
            Command::ReviewSummary {
                approved: true,
                comment: "同意，整改和预防措施落实情况纳入月度检查。".into(),
            },
        ));
        s.push(step(
            Day(6 + shift, 9, 30),
            Lead,
            Command::Close {
                notice: "经应急处理领导小组研究决定：该投诉已妥善处理，业主满意，无新增投诉，现宣布应急终止。请各部门做好后续跟踪和资料归档。"
                    .into(),
                no_new_complaints: true,
            },
        ));
    } else {
        s.push(step(
            After(20 + j),
            Receiver,
            Command::Close {
                notice: "问题已处理完毕，业主回访满意，结案。".into(),
                no_new_complaints: true,
            },
        ));
    }
    s
}

/// The steps up to where the case stops.
pub fn cut(mut steps: Vec<Step>, stop: Stop) -> Vec<Step> {
    if let Stop::After(kind, nth) = stop {
        let end = steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.command.kind() == kind)
            .nth(nth.saturating_sub(1))
            .map_or(steps.len(), |(i, _)| i + 1);
        steps.truncate(end);
    }
    steps
}

/// Customer service's report-back on its own task in an emergency: the owner kept informed.
fn service_report() -> Command {
    Command::ReportBack {
        department: "客服部".into(),
        summary: "已每日向业主通报整改进度，业主知情。".into(),
        finished_at: None,
    }
}
