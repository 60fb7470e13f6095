//! The fields of a complaint record a person can edit, and the names of every input that
//! messages refer to. Concurrent edits are tracked per [`Field`].

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::complaint::{Channel, ComplaintDetails, Unit, Validity};
use super::ids::ComplaintId;
use super::lang::labels;
use super::validate::Phone;

/// A named field or input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Field {
    Channel,
    CallerNumber,
    RecordingRef,
    Anonymous,
    ComplainantName,
    ComplainantPhone,
    ComplainantUnit,
    ComplainantAddress,
    PreferredContact,
    ComplainantCount,
    PublicInterestGroup,
    OccurredAt,
    Location,
    ComplainedDepartment,
    ComplainedPerson,
    Description,
    Request,
    Category,
    Validity,
    Severity,
    Related,
    Drill,
    // Inputs of commands, named in messages.
    Reason,
    Department,
    Signer,
    Content,
    ReplyResult,
    TaskDescription,
    TaskDue,
    Compensation,
    Outcome,
    Satisfaction,
    ReopenTo,
    EditedField,
    PeriodFrom,
    PeriodTo,
    DeviceCode,
    PersonName,
    PersonRole,
    PersonPin,
    Evidence,
    // Parts of inputs, named on forms.
    ReceivedAt,
    Building,
    Entrance,
    Room,
    Owner,
    OwnerTask,
    Signature,
    CompanyName,
    Comment,
    Project,
    VisitDay,
    ApprovedBy,
    RevisionNumber,
    Heading,
    InForceFrom,
    UnitName,
    UnitKind,
    Duty,
    Phone,
    Members,
    Role,
    CallOrder,
    DutyDay,
    Shift,
    DutyPerson,
    ReferralBody,
    ReferralReference,
    ReferralDue,
    ReferralContact,
    Scenario,
    Participants,
    Findings,
    FollowUpActions,
    DrillComplaints,
    Topic,
    Trainer,
    Attendees,
    External,
    DrillDay,
    FinishedAt,
}

labels!(Field {
    Channel => ("投诉渠道", "channel"),
    CallerNumber => ("来电号码", "caller number"),
    RecordingRef => ("录音编号", "recording reference"),
    Anonymous => ("匿名", "anonymous"),
    ComplainantName => ("投诉人姓名", "complainant's name"),
    ComplainantPhone => ("联系电话", "phone number"),
    ComplainantUnit => ("楼栋-单元-房号", "building-entrance-room"),
    ComplainantAddress => ("地址", "address"),
    PreferredContact => ("联系方式", "preferred contact"),
    ComplainantCount => ("投诉人数", "number of complainants"),
    PublicInterestGroup => ("代表公益团体", "public-interest group"),
    OccurredAt => ("发生时间", "time it happened"),
    Location => ("发生地点", "location"),
    ComplainedDepartment => ("被投诉部门", "complained department"),
    ComplainedPerson => ("被投诉人", "complained person"),
    Description => ("事件经过", "description"),
    Request => ("业主诉求", "request"),
    Category => ("投诉类别", "category"),
    Validity => ("有效投诉", "validity"),
    Severity => ("投诉等级", "severity"),
    Related => ("关联投诉", "related complaints"),
    Drill => ("演练", "drill"),
    Reason => ("原因", "reason"),
    Department => ("责任部门", "department"),
    Signer => ("签收人", "signer"),
    Content => ("内容", "content"),
    ReplyResult => ("答复结果", "result"),
    TaskDescription => ("整改任务", "task"),
    TaskDue => ("完成期限", "due date"),
    Compensation => ("赔偿金额（元）", "compensation (yuan)"),
    Outcome => ("处理类别", "outcome class"),
    Satisfaction => ("满意度", "satisfaction"),
    ReopenTo => ("退回到", "send back to"),
    EditedField => ("要修改的内容", "field to change"),
    PeriodFrom => ("开始日期", "from"),
    PeriodTo => ("结束日期", "to"),
    DeviceCode => ("设备代码", "device code"),
    PersonName => ("姓名", "name"),
    PersonRole => ("角色", "role"),
    PersonPin => ("个人 PIN", "personal PIN"),
    Evidence => ("证据", "evidence"),
    ReceivedAt => ("受理时间", "time received"),
    Building => ("楼栋", "building"),
    Entrance => ("单元", "entrance"),
    Room => ("房号", "room"),
    Owner => ("责任人", "owner"),
    OwnerTask => ("负责事项", "owner's task"),
    Signature => ("签名", "signature"),
    CompanyName => ("公司名称", "company name"),
    Comment => ("意见", "comments"),
    Project => ("项目", "project"),
    VisitDay => ("走访日期", "visit day"),
    ApprovedBy => ("批准人", "approved by"),
    RevisionNumber => ("修订号", "revision number"),
    Heading => ("标题", "heading"),
    InForceFrom => ("生效日期", "in force from"),
    UnitName => ("名称", "name"),
    UnitKind => ("类别", "kind"),
    Duty => ("职责", "duty"),
    Phone => ("电话", "phone"),
    Members => ("成员", "members"),
    Role => ("职务", "role"),
    CallOrder => ("启动时呼叫顺序", "call order on activation"),
    DutyDay => ("值班日期", "duty date"),
    Shift => ("班次", "shift"),
    DutyPerson => ("值班负责人", "duty lead"),
    ReferralBody => ("转办单位", "referred by"),
    ReferralReference => ("转办单号", "their reference"),
    ReferralDue => ("答复期限", "reply due"),
    ReferralContact => ("转办联系人", "their contact"),
    Scenario => ("演练情景", "scenario"),
    Participants => ("参加人员", "participants"),
    Findings => ("发现的问题", "findings"),
    FollowUpActions => ("改进措施", "follow-up actions"),
    DrillComplaints => ("演练投诉", "drill complaints"),
    Topic => ("培训主题", "topic"),
    Trainer => ("培训人", "trainer"),
    Attendees => ("参加人员", "attendees"),
    External => ("外部培训", "external training"),
    DrillDay => ("日期", "date"),
    FinishedAt => ("处理完毕时间", "finished at"),
});

/// A new value for one editable field of a complaint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldChange {
    Channel(Channel),
    CallerNumber(Option<Phone>),
    RecordingRef(Option<String>),
    Anonymous(bool),
    ComplainantName(Option<String>),
    ComplainantPhone(Option<Phone>),
    ComplainantUnit(Option<Unit>),
    ComplainantAddress(Option<String>),
    PreferredContact(Option<String>),
    ComplainantCount(u32),
    PublicInterestGroup(bool),
    OccurredAt(Option<DateTime<FixedOffset>>),
    Location(String),
    ComplainedDepartment(Option<String>),
    ComplainedPerson(Option<String>),
    Description(String),
    Request(String),
    Category(String),
    Validity(Validity),
    Related(BTreeSet<ComplaintId>),
    Drill(bool),
}

impl FieldChange {
    /// The value written, as text for people (names and numbers as typed).
    pub fn value_text(&self, lang: super::Lang) -> String {
        let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
        let yes = |b: bool| {
            lang.pick(if b { "是" } else { "否" }, if b { "yes" } else { "no" })
                .to_string()
        };
        match self {
            FieldChange::Channel(c) => c.label(lang).to_string(),
            FieldChange::CallerNumber(p) | FieldChange::ComplainantPhone(p) => p
                .as_ref()
                .map(|p| p.as_str().to_string())
                .unwrap_or_else(|| "—".into()),
            FieldChange::RecordingRef(v)
            | FieldChange::ComplainantName(v)
            | FieldChange::ComplainantAddress(v)
            | FieldChange::PreferredContact(v)
            | FieldChange::ComplainedDepartment(v)
            | FieldChange::ComplainedPerson(v) => opt(v),
            FieldChange::Anonymous(b)
            | FieldChange::PublicInterestGroup(b)
            | FieldChange::Drill(b) => yes(*b),
            FieldChange::ComplainantUnit(u) => {
                u.as_ref().map(Unit::text).unwrap_or_else(|| "—".into())
            }
            FieldChange::ComplainantCount(n) => n.to_string(),
            FieldChange::OccurredAt(t) => t
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_else(|| "—".into()),
            FieldChange::Location(v)
            | FieldChange::Description(v)
            | FieldChange::Request(v)
            | FieldChange::Category(v) => v.clone(),
            FieldChange::Validity(v) => match v {
                Validity::Valid => lang.pick("有效", "valid").into(),
                Validity::Pending => lang.pick("待定", "pending").into(),
                Validity::Invalid { reason } => {
                    format!("{} · {reason}", lang.pick("无效", "invalid"))
                }
            },
            FieldChange::Related(ids) => ids.len().to_string(),
        }
    }

    /// Which field this change writes.
    pub fn field(&self) -> Field {
        match self {
            FieldChange::Channel(_) => Field::Channel,
            FieldChange::CallerNumber(_) => Field::CallerNumber,
            FieldChange::RecordingRef(_) => Field::RecordingRef,
            FieldChange::Anonymous(_) => Field::Anonymous,
            FieldChange::ComplainantName(_) => Field::ComplainantName,
            FieldChange::ComplainantPhone(_) => Field::ComplainantPhone,
            FieldChange::ComplainantUnit(_) => Field::ComplainantUnit,
            FieldChange::ComplainantAddress(_) => Field::ComplainantAddress,
            FieldChange::PreferredContact(_) => Field::PreferredContact,
            FieldChange::ComplainantCount(_) => Field::ComplainantCount,
            FieldChange::PublicInterestGroup(_) => Field::PublicInterestGroup,
            FieldChange::OccurredAt(_) => Field::OccurredAt,
            FieldChange::Location(_) => Field::Location,
            FieldChange::ComplainedDepartment(_) => Field::ComplainedDepartment,
            FieldChange::ComplainedPerson(_) => Field::ComplainedPerson,
            FieldChange::Description(_) => Field::Description,
            FieldChange::Request(_) => Field::Request,
            FieldChange::Category(_) => Field::Category,
            FieldChange::Validity(_) => Field::Validity,
            FieldChange::Related(_) => Field::Related,
            FieldChange::Drill(_) => Field::Drill,
        }
    }

    /// Whether the change writes personal data (blanked for good by an erasure).
    pub fn is_personal(&self) -> bool {
        matches!(
            self,
            FieldChange::CallerNumber(_)
                | FieldChange::ComplainantName(_)
                | FieldChange::ComplainantPhone(_)
                | FieldChange::ComplainantUnit(_)
                | FieldChange::ComplainantAddress(_)
                | FieldChange::PreferredContact(_)
        )
    }

    /// Write the value into the record's details (validity lives beside them).
    pub fn write(&self, d: &mut ComplaintDetails, validity: &mut Validity) {
        let c = &mut d.complainant;
        match self.clone() {
            FieldChange::Channel(v) => d.channel = v,
            FieldChange::CallerNumber(v) => d.caller_number = v,
            FieldChange::RecordingRef(v) => d.recording_ref = v,
            FieldChange::Anonymous(v) => c.anonymous = v,
            FieldChange::ComplainantName(v) => c.name = v,
            FieldChange::ComplainantPhone(v) => c.phone = v,
            FieldChange::ComplainantUnit(v) => c.unit = v,
            FieldChange::ComplainantAddress(v) => c.address = v,
            FieldChange::PreferredContact(v) => c.preferred_contact = v,
            FieldChange::ComplainantCount(v) => c.count = v,
            FieldChange::PublicInterestGroup(v) => c.public_interest_group = v,
            FieldChange::OccurredAt(v) => d.occurred_at = v,
            FieldChange::Location(v) => d.location = v,
            FieldChange::ComplainedDepartment(v) => d.complained_department = v,
            FieldChange::ComplainedPerson(v) => d.complained_person = v,
            FieldChange::Description(v) => d.description = v,
            FieldChange::Request(v) => d.request = v,
            FieldChange::Category(v) => d.category = Some(v),
            FieldChange::Validity(v) => *validity = v,
            FieldChange::Related(v) => d.related = v,
            FieldChange::Drill(v) => d.drill = v,
        }
    }
}
