//! The five A4 forms of the property plan [P9 §6], as data the page prints: which fields of the
//! record each carries, which steps of the case file, and where a person signs by hand. Every
//! line comes from [`case_file`](super::case_file), so a form never shows a value the case
//! file does not.

use super::case_file::{Item, Label, Line, Section, Step, case_file};
use super::clocks::{Clock, ClockView};
use super::complaint::Complaint;
use super::event::Event;
use super::field::Field;
use super::lang::labels;
use super::workflow::CommandKind;

/// A printed form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Form {
    /// 客户投诉记录表: the complaint as taken in.
    Record,
    /// 投诉处理表: sent to the department, which signs for it (签收) and reports back.
    Handling,
    /// 重大投诉处理报告: the whole handling and its summary, for review.
    Report,
    /// 应急终止通知: to every department and branch.
    Termination,
    /// 回访记录表: what the complainant said when called back, and their signature.
    FollowUp,
}

labels!(Form {
    Record => ("客户投诉记录表", "Complaint record form"),
    Handling => ("投诉处理表", "Complaint handling form"),
    Report => ("重大投诉处理报告", "Major complaint handling report"),
    Termination => ("应急终止通知", "Emergency termination notice"),
    FollowUp => ("回访记录表", "Follow-up record"),
});

impl Form {
    pub const ALL: [Form; 5] = [
        Form::Record,
        Form::Handling,
        Form::Report,
        Form::Termination,
        Form::FollowUp,
    ];

    /// The key of the form in addresses and tests.
    pub fn key(self) -> &'static str {
        match self {
            Form::Record => "record",
            Form::Handling => "handling",
            Form::Report => "report",
            Form::Termination => "termination",
            Form::FollowUp => "follow-up",
        }
    }

    /// The form of `key`.
    pub fn of_key(key: &str) -> Option<Form> {
        Form::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The fields of the record this form carries, in the order printed.
    fn record_fields(self) -> &'static [Field] {
        use Field as F;
        const WHO: &[Field] = &[
            F::ReceivedAt,
            F::ComplainantName,
            F::ComplainantPhone,
            F::ComplainantUnit,
            F::Project,
            F::Location,
            F::Description,
            F::Request,
            F::Category,
        ];
        match self {
            // Every field the intake form takes.
            Form::Record => &[],
            Form::Handling | Form::Report | Form::FollowUp => WHO,
            Form::Termination => &[F::ReceivedAt, F::Location, F::Description],
        }
    }

    /// The steps of the case file this form carries.
    fn steps(self) -> &'static [Step] {
        use Step as S;
        match self {
            Form::Record => &[S::Triage],
            Form::Handling => &[S::Dispatch, S::Implementation],
            Form::Report => &[
                S::Triage,
                S::Plan,
                S::Implementation,
                S::Reply,
                S::FollowUp,
                S::Summary,
            ],
            Form::Termination => &[S::Termination],
            Form::FollowUp => &[S::Reply, S::FollowUp],
        }
    }

    /// Whether an entry of this kind is on the form: the handling form carries the dispatch and
    /// the sign-for of its step, not the reports to the general manager beside them.
    fn keeps(self, what: CommandKind) -> bool {
        match self {
            Form::Handling => !matches!(
                what,
                CommandKind::ReportToGeneralManager
                    | CommandKind::ReportToCommand
                    | CommandKind::Activate
            ),
            _ => true,
        }
    }

    /// Whether a clock's outcome is on the form beside its step.
    fn keeps_clock(self, clock: Clock) -> bool {
        match self {
            Form::Handling => clock == Clock::Dispatch,
            _ => true,
        }
    }

    /// Whom the sheet is addressed to, as (Chinese, English): the termination notice goes to
    /// every department and branch [P4 §6.3].
    pub fn addressee(self) -> Option<(&'static str, &'static str)> {
        match self {
            Form::Termination => {
                Some(("致：各部门、各分支机构", "To: every department and branch"))
            }
            _ => None,
        }
    }

    /// Where a person signs by hand on the printed sheet.
    fn hand_signs(self) -> &'static [Sign] {
        match self {
            Form::Record => &[Sign::Recorder],
            Form::Handling => &[Sign::DepartmentHead, Sign::CustomerService],
            Form::Report => &[Sign::Writer, Sign::LeadingGroup],
            Form::Termination => &[Sign::LeadingGroup],
            Form::FollowUp => &[Sign::Complainant, Sign::Caller],
        }
    }
}

/// A line on the sheet left for a handwritten signature and date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    Recorder,
    DepartmentHead,
    CustomerService,
    Writer,
    LeadingGroup,
    Complainant,
    Caller,
}

labels!(Sign {
    Recorder => ("记录人", "recorded by"),
    DepartmentHead => ("被投诉部门负责人（处理完毕签字）", "head of the department (signs when done)"),
    CustomerService => ("客服部（收回）", "customer service (received back)"),
    Writer => ("撰写人", "written by"),
    LeadingGroup => ("重大投诉应急处理领导小组", "major-complaint leading group"),
    Complainant => ("业主签字", "complainant's signature"),
    Caller => ("回访人", "called back by"),
});

/// One form of one complaint, ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    pub form: Form,
    /// The record's fields this form carries (the number is in the sheet's head, not here).
    pub record: Vec<Line>,
    /// The steps it carries, each with its entries and its clocks.
    pub sections: Vec<Section>,
    /// Lines left for handwritten signatures.
    pub signs: Vec<Sign>,
}

/// The sheet of `form` for `c`, from its `events` and its clocks (`domain::evaluate`).
pub fn sheet(form: Form, c: &Complaint, events: &[Event], clocks: Vec<ClockView>) -> Sheet {
    let all = super::case_file::with_clocks(case_file(c, events), clocks);
    let mut record = Vec::new();
    let mut sections = Vec::new();
    for s in all {
        if s.step == Step::Record {
            let lines = s
                .entries
                .into_iter()
                .flat_map(|e| e.lines)
                .filter(|l| l.label != Label::Item(Item::Number));
            record = match form.record_fields() {
                [] => lines.collect(),
                fields => {
                    let lines: Vec<Line> = lines.collect();
                    fields
                        .iter()
                        .filter_map(|f| lines.iter().find(|l| l.label == Label::Field(*f)).cloned())
                        .collect()
                }
            };
        } else if form.steps().contains(&s.step) {
            let mut s = s;
            s.entries.retain(|e| form.keeps(e.what));
            s.clocks.retain(|v| form.keeps_clock(v.clock));
            sections.push(s);
        }
    }
    Sheet {
        form,
        record,
        sections,
        signs: form.hand_signs().to_vec(),
    }
}
