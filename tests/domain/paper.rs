//! The printed forms, signatures and attachments: what each form carries, each clock beside
//! its step, and which files the evidence form takes.

use crate::common::*;
use chrono::TimeDelta;
use complaints::domain::case_file::{Item, Label, Line, Step, Value, case_file, with_clocks};
use complaints::domain::form::{MAX_ATTACHMENT_BYTES, attachment_kind};
use complaints::domain::paper::{Form, Sign, sheet};
use complaints::domain::*;

const SIGNED: &str = "5a1f00000000000000000000000000000000000000000000000000000000beef";
const OWNER_SIGNED: &str = "0b0e000000000000000000000000000000000000000000000000000000000001";

/// The major path with the handling form signed for on the pad after dispatch, and the
/// complainant signing the follow-up record.
fn signed_path() -> Vec<(Command, Actor, WorkflowState)> {
    let mut path = major_path();
    path.insert(
        2,
        (
            Command::SignFor {
                signer: "周经理".into(),
                signature: Some(SIGNED.to_uppercase()),
            },
            dept_head(),
            WorkflowState::Dispatched,
        ),
    );
    for (cmd, _, _) in path.iter_mut() {
        if let Command::FollowUp(f) = cmd {
            f.signature = Some(OWNER_SIGNED.into());
            f.comments = "很满意，谢谢".into();
        }
    }
    path
}

fn texts(lines: &[Line]) -> Vec<String> {
    lines
        .iter()
        .map(|l| match &l.value {
            Value::Text(t) | Value::Department(t) | Value::Category(t) => t.clone(),
            Value::Attachment(_, sha) => sha.clone(),
            Value::Time(at) => at.to_rfc3339(),
            other => format!("{other:?}"),
        })
        .collect()
}

fn labels(lines: &[Line]) -> Vec<Label> {
    lines.iter().map(|l| l.label).collect()
}

#[test]
fn a_signature_is_kept_lowercase_folded_and_shown_beside_its_step() {
    let path = signed_path();
    let (d, _) = walk(&path, path.len());
    let c = d.complaint(complaint_id(1)).unwrap();
    assert_eq!(
        c.dispatch.as_ref().and_then(|x| x.signature.as_deref()),
        Some(SIGNED),
        "stored as the lowercase key"
    );
    assert_eq!(
        c.follow_ups[0].item.signature.as_deref(),
        Some(OWNER_SIGNED)
    );
    let file = case_file(&c, &d.events);
    let shown = |step: Step| -> Vec<Line> {
        file.iter()
            .filter(|s| s.step == step)
            .flat_map(|s| s.entries.iter().flat_map(|e| e.lines.clone()))
            .collect()
    };
    assert!(shown(Step::Dispatch).contains(&Line {
        label: Label::Item(Item::Signature),
        value: Value::Attachment(EvidenceKind::Signature, SIGNED.into()),
    }));
    assert!(shown(Step::FollowUp).contains(&Line {
        label: Label::Item(Item::Signature),
        value: Value::Attachment(EvidenceKind::Signature, OWNER_SIGNED.into()),
    }));
    // Every event that points at an attachment says so, for the export to carry it.
    let keys: Vec<&str> = d.events.iter().flat_map(|e| e.body.blobs()).collect();
    assert_eq!(keys, [SIGNED, OWNER_SIGNED]);
}

#[test]
fn a_signature_that_is_not_a_key_is_refused_on_the_form_and_in_a_file() {
    let (mut d, now) = walk(&major_path(), 2);
    let err = d
        .run(
            complaint_id(1),
            Command::SignFor {
                signer: "周经理".into(),
                signature: Some("not-a-key".into()),
            },
            &dept_head(),
            now,
        )
        .unwrap_err();
    assert!(
        matches!(
            err,
            DomainError::Invalid(ValidationError::Unreadable {
                field: Field::Signature,
                ..
            })
        ),
        "{err:?}"
    );
    // The same event arriving in a file is refused by the checks every event passes.
    let body = EventBody::SignedFor {
        signer: "周经理".into(),
        signature: Some("ABCDEF".into()),
    };
    assert!(admit::check_body(&body).is_err());
    let upper = EventBody::FollowedUp(FollowUp {
        satisfaction: Satisfaction::Satisfied,
        comments: String::new(),
        reopen_to: None,
        signature: Some(SIGNED.to_uppercase()),
    });
    assert!(admit::check_body(&upper).is_err(), "keys are lowercase");
    let fine = EventBody::SignedFor {
        signer: "周经理".into(),
        signature: Some(SIGNED.into()),
    };
    assert_eq!(admit::check_body(&fine), Ok(()));
}

#[test]
fn each_clock_stands_beside_the_step_it_times_even_before_that_step() {
    // Dispatched only: the reply and whole-handling clocks run, their steps have no entry yet.
    let (d, now) = walk(&major_path(), 2);
    let c = d.complaint(complaint_id(1)).unwrap();
    let clocks = evaluate(&c, &d.settings, now + TimeDelta::minutes(5));
    assert!(!clocks.is_empty());
    let sections = with_clocks(case_file(&c, &d.events), clocks.clone());
    let placed: usize = sections.iter().map(|s| s.clocks.len()).sum();
    assert_eq!(placed, clocks.len(), "every clock is placed once");
    for s in &sections {
        for v in &s.clocks {
            assert_eq!(Step::of_clock(v.clock), s.step, "{:?}", v.clock);
        }
    }
    let dispatch = sections.iter().find(|s| s.step == Step::Dispatch).unwrap();
    assert!(
        dispatch
            .clocks
            .iter()
            .any(|v| v.clock == Clock::Dispatch && matches!(v.status, ClockStatus::Met { .. })),
        "the dispatch clock, met, beside the dispatch"
    );
    let whole = sections
        .iter()
        .find(|s| s.step == Step::Termination)
        .expect("the whole-handling clock's step is listed for it");
    assert!(whole.entries.is_empty());
    assert!(
        sections.windows(2).all(|w| w[0].step < w[1].step),
        "steps stay in the plan's order"
    );
}

#[test]
fn each_form_carries_its_fields_its_steps_and_its_signature_lines() {
    let path = signed_path();
    let (d, now) = walk(&path, path.len());
    let c = d.complaint(complaint_id(1)).unwrap();
    let clocks = evaluate(&c, &d.settings, now);
    let of = |form: Form| sheet(form, &c, &d.events, clocks.clone());
    let steps = |form: Form| -> Vec<Step> { of(form).sections.iter().map(|s| s.step).collect() };
    let all_text = |form: Form| -> String {
        let s = of(form);
        let mut out = texts(&s.record);
        for sec in &s.sections {
            for e in &sec.entries {
                out.extend(texts(&e.lines));
            }
        }
        out.join("\n")
    };

    // 客户投诉记录表: every field of the record, the assessment, a line for the recorder.
    let record = of(Form::Record);
    let whole_record: Vec<Label> = case_file(&c, &d.events)[0].entries[0]
        .lines
        .iter()
        .map(|l| l.label)
        .filter(|l| *l != Label::Item(Item::Number))
        .collect();
    assert_eq!(
        labels(&record.record),
        whole_record,
        "the number is in the head"
    );
    assert_eq!(steps(Form::Record), [Step::Triage]);
    assert_eq!(record.signs, [Sign::Recorder]);

    // 投诉处理表: who and what, the dispatch with the sign-for and its signature, the tasks
    // and report-back, the reply; the department head signs by hand when done.
    let handling = of(Form::Handling);
    assert_eq!(
        labels(&handling.record),
        [
            Label::Field(Field::ReceivedAt),
            Label::Field(Field::ComplainantName),
            Label::Field(Field::ComplainantPhone),
            Label::Field(Field::ComplainantUnit),
            Label::Field(Field::Location),
            Label::Field(Field::Description),
            Label::Field(Field::Request),
            Label::Field(Field::Category),
        ]
        .into_iter()
        .filter(|l| whole_record.contains(l))
        .collect::<Vec<_>>()
    );
    assert_eq!(
        steps(Form::Handling),
        [Step::Dispatch, Step::Implementation]
    );
    let text = all_text(Form::Handling);
    for typed in ["请工程部今天内到场", "周经理", SIGNED, "更换主板", "已更换"] {
        assert!(text.contains(typed), "handling form lacks {typed:?}");
    }
    assert!(
        !text.contains("召开应急会议"),
        "the activation is not the department's"
    );
    let dispatch_clocks: Vec<Clock> = handling.sections[0]
        .clocks
        .iter()
        .map(|v| v.clock)
        .collect();
    assert_eq!(dispatch_clocks, [Clock::Dispatch]);
    assert_eq!(
        handling.signs,
        [Sign::DepartmentHead, Sign::CustomerService]
    );

    // 重大投诉处理报告: the handling from assessment to the summary, with its review.
    let report = all_text(Form::Report);
    for typed in [
        "更换电梯主板并赔偿",
        "50000",
        "同意，注意安全",
        "主板老化",
        "报告完整，同意",
    ] {
        assert!(report.contains(typed), "report lacks {typed:?}");
    }
    assert_eq!(
        steps(Form::Report),
        [
            Step::Triage,
            Step::Plan,
            Step::Implementation,
            Step::Reply,
            Step::FollowUp,
            Step::Summary
        ]
    );

    // 应急终止通知: the notice and "no new complaints".
    assert_eq!(steps(Form::Termination), [Step::Termination]);
    assert!(all_text(Form::Termination).contains("应急终止"));

    // 回访记录表: the reply, the follow-up with the complainant's signature.
    let follow = all_text(Form::FollowUp);
    for typed in ["已修复", "很满意，谢谢", OWNER_SIGNED] {
        assert!(follow.contains(typed), "follow-up record lacks {typed:?}");
    }
    assert_eq!(of(Form::FollowUp).signs, [Sign::Complainant, Sign::Caller]);

    for form in Form::ALL {
        assert_eq!(Form::of_key(form.key()), Some(form));
        assert!(!of(form).record.is_empty(), "{form:?}");
    }
}

#[test]
fn the_evidence_form_takes_photos_recordings_and_pdfs_within_the_limit() {
    assert_eq!(
        attachment_kind("image/jpeg", 30 << 20),
        Ok(EvidenceKind::Photo),
        "made smaller"
    );
    assert_eq!(
        attachment_kind("audio/webm", 1 << 20),
        Ok(EvidenceKind::Audio)
    );
    assert_eq!(
        attachment_kind("Audio/MP4", 1 << 20),
        Ok(EvidenceKind::Audio)
    );
    assert_eq!(
        attachment_kind("application/pdf", MAX_ATTACHMENT_BYTES),
        Ok(EvidenceKind::Document)
    );
    assert_eq!(
        attachment_kind("application/pdf", MAX_ATTACHMENT_BYTES + 1),
        Err(ValidationError::FileTooLarge {
            size_bytes: MAX_ATTACHMENT_BYTES + 1,
            limit_mib: 10
        })
    );
    assert_eq!(
        attachment_kind("text/plain", 10),
        Err(ValidationError::FileType {
            mime: "text/plain".into()
        })
    );
    assert!(attachment_kind("", 10).is_err(), "a file of no known type");
}

#[test]
fn evidence_of_a_signature_needs_the_drawing() {
    let (mut d, now) = walk(&major_path(), 3);
    let cmd = |blob: Option<&str>| {
        Command::AddEvidence(Evidence {
            kind: EvidenceKind::Signature,
            blob_sha256: blob.map(str::to_string),
            caption: "业主确认接受赔偿".into(),
        })
    };
    assert_eq!(
        d.run(complaint_id(1), cmd(None), &staff(), now)
            .unwrap_err(),
        DomainError::Invalid(ValidationError::Required(Field::Signature))
    );
    d.run(complaint_id(1), cmd(Some(SIGNED)), &staff(), now)
        .unwrap();
    let c = d.complaint(complaint_id(1)).unwrap();
    assert_eq!(c.evidence[0].item.kind, EvidenceKind::Signature);
}
